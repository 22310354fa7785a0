# Switchboard: two commands do all the set-up on a fresh Debian machine.
#   make demo   installs what is missing, builds, runs the board on the simulator
#   make test   installs what is missing, runs the whole suite

SWIFT ?= swift
PACKAGES := libcurl4-openssl-dev libncurses-dev libsqlite3-dev systemd tmux openssl openssh-server openssh-client curl libfaketime
# Seconds each fuzz run lasts (make fuzz FUZZ_SECONDS=600).
FUZZ_SECONDS ?= 600
FUZZ_BUILD := .build-fuzz

.PHONY: demo test test-fast build deps clean fuzz completions man bench soak install uninstall

demo: deps
	$(SWIFT) build -c release --product switchboard
	$(SWIFT) build -c release --product switchboard-sim
	./.build/release/switchboard --demo

test: deps
	$(SWIFT) build --build-tests
	$(MAKE) -s man BINARY=$(CURDIR)/.build/debug/switchboard
	SWITCHBOARD_BINARY=$(CURDIR)/.build/debug/switchboard $(SWIFT) test --skip-build

# The suite without the end-to-end suites: the ones tagged `.endToEnd`
# (the board in tmux, over SSH, make install, minutes against a simulator).
# This Swift's `swift test` cannot skip by tag yet, so they are named here.
END_TO_END := BoardInTmuxTests|OverSSHTests|TerminalTests|InstallTests|FaultMatrixTests|RequestStormTests|HeapGrowthTests|ConvergenceTests|WideAreaTests|ChaosTests|WallClockStepTests
test-fast:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip '$(END_TO_END)'

# The board, and the simulator beside it (`switchboard sim`, `--demo`).
build: deps
	$(SWIFT) build -c release --product switchboard
	$(SWIFT) build -c release --product switchboard-sim

# Installs the system packages that are missing: as root with apt-get,
# otherwise prints the exact command and stops.
deps:
	@missing=""; \
	for package in $(PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = "0" ]; then \
			echo "Installing:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq$$missing; \
		else \
			echo "Missing system packages:$$missing"; \
			echo "Run: sudo apt-get install -y$$missing"; \
			exit 1; \
		fi; \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "Swift 6.1 or later is needed: https://www.swift.org/install/"; exit 1; }

# libFuzzer, one target at a time for FUZZ_SECONDS each (make fuzz
# FUZZ_TARGETS="dashui keys" FUZZ_SECONDS=60 for fewer): every decoder, the
# number rules, history timestamps, the sanitiser, key handling and the line
# editor, the theme and config parsers. Seeds in Fuzz/corpus/TARGET; new
# inputs in $(FUZZ_BUILD)/corpus/TARGET; crashes in $(FUZZ_BUILD)/crashes.
FUZZ_TARGETS ?= config conference dashui directory extension history keys number queue sanitiser theme timestamp
fuzz: deps
	$(SWIFT) build -c release --sanitize=fuzzer -Xswiftc -DFUZZING --scratch-path $(FUZZ_BUILD) --product switchboard-fuzz
	rm -rf $(FUZZ_BUILD)/crashes && mkdir -p $(FUZZ_BUILD)/crashes
	@for target in $(FUZZ_TARGETS); do \
		echo "== fuzz $$target ($(FUZZ_SECONDS) s)"; \
		mkdir -p $(FUZZ_BUILD)/corpus/$$target; \
		SWITCHBOARD_FUZZ_TARGET=$$target SWIFT_BACKTRACE=enable=no $(FUZZ_BUILD)/release/switchboard-fuzz \
			$(FUZZ_BUILD)/corpus/$$target Fuzz/corpus/$$target -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
			-artifact_prefix=$(FUZZ_BUILD)/crashes/$$target- -max_len=65536 2>&1 | grep -E "^(Done|stat::number_of_executed_units|stat::new_units_added|stat::peak_rss_mb|==|SUMMARY|.*Test unit written)" \
			|| true; \
		if ls $(FUZZ_BUILD)/crashes/$$target-* > /dev/null 2>&1; then echo "crash in $$target: $(FUZZ_BUILD)/crashes"; exit 1; fi; \
	done

# Benchmarks (BENCHMARKS.md): release builds, the peers (Node, CPython json
# and orjson) on the same bytes, the board in a real terminal beside htop.
bench: build
	$(SWIFT) build -c release --product switchboard-bench
	mkdir -p .build-bench
	bash bench/run.sh | tee .build-bench/results.md

# The board for SOAK_MINUTES (5 by default; 30 for the issue's figure) against
# a flaky 1,000-extension simulator at 60x speed; report in .build-soak/.
soak: build
	bash tools/soak.sh

# Shell completion scripts, generated from the command-line parser.
completions: build
	mkdir -p completions
	for shell in bash zsh fish; do ./.build/release/switchboard --generate-completion-script $$shell > completions/switchboard.$$shell; done
	@echo "bash: source completions/switchboard.bash · zsh: put completions/switchboard.zsh on \$$fpath as _switchboard · fish: copy to ~/.config/fish/completions/"

# The man page, generated from the same parser by swift-argument-parser's
# generate-manual tool, run on the switchboard binary alone (its plugin
# would run it on every executable, the fuzz and bench ones too).
man: deps
	@if [ "$(BINARY)" = ".build/release/switchboard" ] && [ ! -x "$(BINARY)" ]; then $(MAKE) build; fi
	$(SWIFT) build --product generate-manual
	mkdir -p man
	"$$($(SWIFT) build --show-bin-path)/generate-manual" "$(BINARY)" --output-directory man
	@echo "man -l man/switchboard.1"

# make install PREFIX=/usr/local (DESTDIR for packaging): the release
# binary and the simulator's beside it, the themes, the man page and the bash, zsh and fish completions,
# each where its reader looks. BINARY= installs another build (the tests
# install the debug one). make uninstall removes exactly those files.
PREFIX ?= /usr/local
DESTDIR ?=
BINARY ?= .build/release/switchboard
SIM_BINARY = $(dir $(BINARY))switchboard-sim
INSTALLED_FILES = bin/switchboard bin/switchboard-sim share/man/man1/switchboard.1 \
	share/bash-completion/completions/switchboard share/zsh/site-functions/_switchboard \
	share/fish/vendor_completions.d/switchboard.fish $(addprefix share/switchboard/themes/,$(notdir $(wildcard themes/*.toml)))

install:
	@if [ "$(BINARY)" = ".build/release/switchboard" ]; then $(MAKE) build; fi
	@test -x "$(BINARY)" || { echo "no binary at $(BINARY)"; exit 1; }
	@test -x "$(SIM_BINARY)" || { echo "no simulator at $(SIM_BINARY)"; exit 1; }
	@test -f man/switchboard.1 || $(MAKE) man BINARY="$(BINARY)"
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/switchboard/themes" "$(DESTDIR)$(PREFIX)/share/man/man1" \
		"$(DESTDIR)$(PREFIX)/share/bash-completion/completions" "$(DESTDIR)$(PREFIX)/share/zsh/site-functions" \
		"$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d"
	install -m 0755 "$(BINARY)" "$(DESTDIR)$(PREFIX)/bin/switchboard"
	install -m 0755 "$(SIM_BINARY)" "$(DESTDIR)$(PREFIX)/bin/switchboard-sim"
	install -m 0644 themes/*.toml "$(DESTDIR)$(PREFIX)/share/switchboard/themes/"
	install -m 0644 man/switchboard.1 "$(DESTDIR)$(PREFIX)/share/man/man1/switchboard.1"
	"$(BINARY)" --generate-completion-script bash > "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/switchboard"
	"$(BINARY)" --generate-completion-script zsh > "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_switchboard"
	"$(BINARY)" --generate-completion-script fish > "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/switchboard.fish"
	@echo "installed switchboard $$("$(DESTDIR)$(PREFIX)/bin/switchboard" --version) in $(DESTDIR)$(PREFIX)"

uninstall:
	rm -f $(addprefix "$(DESTDIR)$(PREFIX)/,$(addsuffix ",$(INSTALLED_FILES)))
	-rmdir "$(DESTDIR)$(PREFIX)/share/switchboard/themes" "$(DESTDIR)$(PREFIX)/share/switchboard" 2>/dev/null

clean:
	rm -rf .build $(FUZZ_BUILD) .build-bench .build-soak completions man
