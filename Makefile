# Speeches on international migration: staged NLP pipeline.
#
# `make` prints this help. Every stage target is a real file: a second `make all`
# does nothing, and changing one input re-runs only what depends on it.
# Another corpus:  make all RAW=/path/to/speeches INTERIM=/tmp/x/interim \
#                      PROCESSED=/tmp/x/processed FIGURES=/tmp/x/figures

SHELL := /bin/bash
.DELETE_ON_ERROR:
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules

## Settings (override on the command line: make all RAW=... STRICT=1 NO_WAIT=1 GROUP_BY=region)
RAW ?= data/raw
INTERIM ?= data/interim
PROCESSED ?= data/processed
FIGURES ?= reports/figures
REPORT ?= reports/report.html
STRICT ?= 0
NO_WAIT ?= 0
N ?= 500
GOLD ?= data/annotations
SPLIT ?= dev
# How the groups stage groups speeches: region, subregion, un_group, role, period, period:2015,2020,
# speech, or any column of speeches; several separated by spaces (make all GROUP_BY="region period:2015").
# auto: one group per speech up to six speeches, periods beyond.
GROUP_BY ?= auto

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
VENV_STAMP := $(VENV)/.installed
STRICT_FLAG := $(if $(filter 1 yes true,$(STRICT)),--strict,)
# One run at a time per output folder: a second run waits for the first, or with
# NO_WAIT=1 exits at once with status 75 (pipeline/runlock.py).
WAIT_FLAG := $(if $(filter 1 yes true,$(NO_WAIT)),--no-wait,)

# Every file in RAW is an input (spaces escaped so Make can name them), and so
# is the folder itself, so adding or removing a speech re-runs ingest.
RAW_FILES := $(shell find '$(RAW)' -maxdepth 1 -type f ! -name '.*' 2>/dev/null | LC_ALL=C sort | sed 's/ /\\ /g')

# Each stage's outputs and inputs. pipeline/tables.py declares which tables a stage writes,
# pipeline/stages.py which files it reads (its module, the package modules it imports,
# its resources); tests/test_stages.py checks every rule below against them.
RES := pipeline/resources
CONFIG := pipeline/config.py pipeline/storage.py pipeline/tables.py pipeline/errors.py
CACHE := pipeline/stages.py pipeline/speechcache.py
tables = $(foreach t,$(1),$(PROCESSED)/$(t).parquet $(PROCESSED)/$(t).csv)

SPEECHES := $(PROCESSED)/speeches.parquet
INGEST_OUT := $(call tables,speeches ingest_errors)
TRAINED_NER := $(wildcard models/ner/model)
INGEST_SRC := pipeline/ingest.py pipeline/textclean.py pipeline/header.py pipeline/headerparse.py \
              pipeline/officeholders.py pipeline/places.py pipeline/nlp.py pipeline/readers.py \
              pipeline/errors.py pipeline/language.py $(CACHE) $(RES)/officeholders.yaml $(RES)/gazetteer.yaml $(TRAINED_NER)

# The entities stage hands the speeches it could not analyse to features (stage_errors) in INTERIM.
ENTITIES_OUT := $(call tables,entities entity_counts) $(INTERIM)/entities_stage_errors.parquet
ENTITIES_SRC := pipeline/entities.py pipeline/linking.py pipeline/nlp.py pipeline/officeholders.py pipeline/places.py \
                pipeline/speechguard.py $(CACHE) \
                $(RES)/gazetteer.yaml $(RES)/nicknames.yaml $(RES)/officeholders.yaml $(TRAINED_NER)

FEATURES_OUT := $(call tables,sentences migration sentence_themes themes gcm_evidence gcm_objectives sdg_evidence sdg_targets \
                              priorities actors lemma_counts keyness style similarity topics topic_terms stage_errors)
FEATURES_SRC := pipeline/features.py pipeline/themes.py pipeline/sentences.py pipeline/gcm.py pipeline/enumerations.py \
                pipeline/actors.py pipeline/speechguard.py pipeline/keyness.py pipeline/stylometry.py pipeline/nlp.py $(CACHE) \
                $(RES)/themes.yaml $(RES)/actors.yaml $(RES)/frameworks.yaml $(RES)/list_markers.yaml \
                $(RES)/migration.yaml models/sentences/migration.json models/sentences/themes.json \
                models/sentences/gcm.json

# GROUP_BY is an input of the groups stage: its value is kept in GROUP_BY_FILE, rewritten (so
# newer) only when it changes, so `make all GROUP_BY=region` after `make all` regroups and a
# second `make all GROUP_BY=region` does nothing. It is rewritten when Make reads this file;
# under -n, -q or -t (which change nothing) a changed GROUP_BY only makes it out of date.
GROUP_BY_FILE := $(INTERIM)/group_by
# Make's single-letter flags, if any ("n", "ks"): MAKEFLAGS's first word unless it is a long option.
MAKE_MODE := $(filter-out -%,$(firstword $(MAKEFLAGS)))
ifeq (,$(findstring n,$(MAKE_MODE))$(findstring q,$(MAKE_MODE))$(findstring t,$(MAKE_MODE)))
$(shell mkdir -p '$(INTERIM)' && { [ "$$(cat '$(GROUP_BY_FILE)' 2>/dev/null)" = '$(GROUP_BY)' ] || \
        printf '%s\n' '$(GROUP_BY)' > '$(GROUP_BY_FILE)'; })
else ifneq ($(shell cat '$(GROUP_BY_FILE)' 2>/dev/null),$(GROUP_BY))
$(GROUP_BY_FILE): FORCE
endif
$(GROUP_BY_FILE):
	mkdir -p '$(@D)' && printf '%s\n' '$(GROUP_BY)' > '$@'
FORCE:

GROUPS_OUT := $(call tables,speech_groups group_themes group_migration group_keyness group_entities)
GROUPS_SRC := pipeline/groups.py pipeline/explore.py pipeline/keyness.py
GROUPS_IN := $(foreach t,speeches migration themes entity_counts lemma_counts,$(PROCESSED)/$(t).parquet)

TABLES_OUT := $(INGEST_OUT) $(ENTITIES_OUT) $(FEATURES_OUT) $(GROUPS_OUT)

CHARTS_INDEX := $(FIGURES)/charts.json
CHARTS_SRC := pipeline/charts.py pipeline/migration_charts.py pipeline/group_charts.py pipeline/plotstyle.py \
              pipeline/explore.py pipeline/groups.py pipeline/keyness.py
REPORT_SRC := pipeline/report.py $(CHARTS_SRC)

.PHONY: FORCE help all ingest entities features groups charts report evaluate accuracy train train-sentences crossval test lint bench notebook clean clean-venv

help: ## Show this help
	@echo "Usage: make TARGET [RAW=dir INTERIM=dir PROCESSED=dir FIGURES=dir STRICT=1 NO_WAIT=1 GROUP_BY=region]"
	@echo
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*## "}; {printf "  \033[36m%-10s\033[0m %s\n", $$1, $$2}'

# `make STAGE` (and `make all`) brings that stage's files up to date in ONE Python
# process: Make plans the stale stages from the file rules below (`make -n`) and
# pipeline/batch.py runs their commands in order, so imports and the spaCy model
# are loaded once per run, not once per stage. A file target
# (`make $(PROCESSED)/entities.parquet`) runs its stages one process each.
all: $(VENV_STAMP) ## Set up .venv if needed and run every stale stage on RAW (default: the two embedded speeches)
	@$(PY) -m pipeline.batch --make '$(MAKE)' $(WAIT_FLAG) $(REPORT)

# ------------------------------------------------------------------ set-up
$(VENV_STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip==26.3"
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

# ------------------------------------------------------------------ stages
ingest: $(VENV_STAMP) ## Stage 1: raw files -> PROCESSED/speeches (+ ingest_errors)
	@$(PY) -m pipeline.batch --make '$(MAKE)' $(WAIT_FLAG) $(SPEECHES)
$(INGEST_OUT) &: $(RAW_FILES) $(RAW) $(INGEST_SRC) $(CONFIG) | $(VENV_STAMP)
	$(PY) -m pipeline ingest --raw '$(RAW)' --out '$(PROCESSED)' --interim '$(INTERIM)' $(STRICT_FLAG)
# A RAW folder that does not exist stops Make with this line (not "No rule to make target").
ifneq ($(shell test -d '$(RAW)' && echo yes),yes)
$(RAW):
	$(error RAW folder '$(RAW)' does not exist: point RAW at your folder of speeches (make all RAW=/path/to/speeches))
endif

entities: $(VENV_STAMP) ## Stage 2: entities and entity_counts (parses once, caches Docs in INTERIM)
	@$(PY) -m pipeline.batch --make '$(MAKE)' $(WAIT_FLAG) $(ENTITIES_OUT)
$(ENTITIES_OUT) &: $(SPEECHES) $(ENTITIES_SRC) $(CONFIG) | $(VENV_STAMP)
	$(PY) -m pipeline entities --processed '$(PROCESSED)' --interim '$(INTERIM)' $(STRICT_FLAG)

features: $(VENV_STAMP) ## Stage 3: themes, priority lists, actors, keyness, style, similarity, topics
	@$(PY) -m pipeline.batch --make '$(MAKE)' $(WAIT_FLAG) $(FEATURES_OUT)
$(FEATURES_OUT) &: $(SPEECHES) $(ENTITIES_OUT) $(FEATURES_SRC) $(CONFIG) | $(VENV_STAMP)
	$(PY) -m pipeline features --processed '$(PROCESSED)' --interim '$(INTERIM)' $(STRICT_FLAG)

groups: $(VENV_STAMP) ## Stage 4: group tables (GROUP_BY=region ...): themes, migration share, keyness, entities per group
	@$(PY) -m pipeline.batch --make '$(MAKE)' $(WAIT_FLAG) $(GROUPS_OUT)
$(GROUPS_OUT) &: $(GROUPS_IN) $(GROUPS_SRC) $(CONFIG) $(GROUP_BY_FILE) | $(VENV_STAMP)
	$(PY) -m pipeline groups --processed '$(PROCESSED)' --group-by '$(GROUP_BY)'

charts: $(VENV_STAMP) ## Stage 5: comparison charts (PNG + SVG) into FIGURES
	@$(PY) -m pipeline.batch --make '$(MAKE)' $(WAIT_FLAG) $(CHARTS_INDEX)
$(CHARTS_INDEX): $(TABLES_OUT) $(CHARTS_SRC) $(CONFIG) | $(VENV_STAMP)
	$(PY) -m pipeline charts --processed '$(PROCESSED)' --figures '$(FIGURES)'

report: $(VENV_STAMP) ## Stage 6: one self-contained HTML report
	@$(PY) -m pipeline.batch --make '$(MAKE)' $(WAIT_FLAG) $(REPORT)
$(REPORT): $(CHARTS_INDEX) $(TABLES_OUT) $(REPORT_SRC) $(CONFIG) | $(VENV_STAMP)
	$(PY) -m pipeline report --processed '$(PROCESSED)' --figures '$(FIGURES)' --out '$@'

# ------------------------------------------------------------------ checks
evaluate: $(VENV_STAMP) ## Run the pipeline on the annotated speeches (GOLD, SPLIT) and score every extraction -> reports/evaluation.json
	$(PY) -m pipeline evaluate --gold '$(GOLD)' $(if $(filter-out all,$(SPLIT)),--split $(SPLIT)) $(if $(filter 1,$(ERRORS)),--errors)

accuracy: $(VENV_STAMP) ## Rewrite the README's "How accurate is it" figures from make evaluate SPLIT=dev
	$(PY) -m pipeline evaluate --gold '$(GOLD)' --split dev --readme README.md

test: $(VENV_STAMP) ## Run the test suite (runs the pipeline on the embedded speeches first)
	$(MAKE) --no-print-directory all
	$(PY) -m pytest

lint: $(VENV_STAMP) ## Run ruff
	$(PY) -m ruff check pipeline tests

train: $(VENV_STAMP) ## Fine-tune the entity recogniser and train the sentence classifiers on data/annotations (train), score on dev, install into models/ (not part of all)
	$(PY) -m pipeline.train
	$(PY) -m pipeline.train --sentences

train-sentences: $(VENV_STAMP) ## Train only the sentence classifiers (migration flag, themes, GCM objectives) -> models/sentences/
	$(PY) -m pipeline.train --sentences

FOLDS ?= 4
crossval: $(VENV_STAMP) ## Cross-validate the recogniser and the rule layer on the train split (FOLDS; REUSE=1 keeps the fold recognisers) -> INTERIM/crossval
	$(PY) -m pipeline.crossval --folds $(FOLDS) $(if $(filter 1,$(REUSE)),--reuse)

bench: $(VENV_STAMP) ## Benchmark on N UNGD speeches (default 500) vs plain nlp.pipe -> reports/bench.json
	$(PY) -m pipeline.bench --n $(N)

notebook: $(VENV_STAMP) all ## Start Jupyter Lab with the project's environment as the kernel
	$(PY) -m ipykernel install --user --name speeches-pipeline --display-name "Python (speeches pipeline)"
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks

clean: ## Remove generated outputs (keeps data/raw and .venv)
	rm -rf $(INTERIM)/* $(PROCESSED)/* $(FIGURES)/* $(REPORT)
	touch $(INTERIM)/.gitkeep $(PROCESSED)/.gitkeep $(FIGURES)/.gitkeep

clean-venv: ## Remove the virtual environment
	rm -rf $(VENV)
