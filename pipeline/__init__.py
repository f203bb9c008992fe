"""NLP pipeline for speeches on international migration.

Stages (each a module with a `main`, each also a `python -m pipeline` command):
ingest -> entities -> features -> charts -> report.
"""

__version__ = "0.1.0"
