# Switchboard: two commands do all the set-up on a fresh Debian machine.
#   make demo   installs what is missing, builds, runs the board on the simulator
#   make test   installs what is missing, runs the whole suite

SWIFT ?= swift
PACKAGES := libcurl4-openssl-dev libncurses-dev tmux openssl openssh-server openssh-client curl
# Seconds each fuzz run lasts (make fuzz FUZZ_SECONDS=600).
FUZZ_SECONDS ?= 600
FUZZ_BUILD := .build-fuzz

.PHONY: demo test build deps clean fuzz completions man bench

demo: deps
	$(SWIFT) build -c release --product switchboard
	./.build/release/switchboard --demo

test: deps
	$(SWIFT) build --build-tests
	SWITCHBOARD_BINARY=$(CURDIR)/.build/debug/switchboard $(SWIFT) test --skip-build

build: deps
	$(SWIFT) build -c release --product switchboard

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

# libFuzzer over every decoder, from the committed seed corpus; new inputs
# go to a scratch corpus, crashes to $(FUZZ_BUILD)/crashes.
fuzz: deps
	$(SWIFT) build -c release --sanitize=fuzzer -Xswiftc -DFUZZING --scratch-path $(FUZZ_BUILD) --product switchboard-fuzz
	mkdir -p $(FUZZ_BUILD)/corpus $(FUZZ_BUILD)/crashes
	SWIFT_BACKTRACE=enable=no $(FUZZ_BUILD)/release/switchboard-fuzz $(FUZZ_BUILD)/corpus Fuzz/corpus/decoders \
		-max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 -artifact_prefix=$(FUZZ_BUILD)/crashes/ -max_len=65536

# Benchmarks (BENCHMARKS.md): release builds, the peers (Node, CPython json
# and orjson) on the same bytes, the board in a real terminal beside htop.
bench: deps
	$(SWIFT) build -c release --product switchboard
	$(SWIFT) build -c release --product switchboard-bench
	mkdir -p .build-bench
	bash bench/run.sh | tee .build-bench/results.md

# Shell completion scripts, generated from the command-line parser.
completions: build
	mkdir -p completions
	for shell in bash zsh fish; do ./.build/release/switchboard --generate-completion-script $$shell > completions/switchboard.$$shell; done
	@echo "bash: source completions/switchboard.bash · zsh: put completions/switchboard.zsh on \$$fpath as _switchboard · fish: copy to ~/.config/fish/completions/"

# The man page, generated from the same parser (swift-argument-parser's plugin).
man: deps
	mkdir -p man
	$(SWIFT) package --allow-writing-to-directory man generate-manual --output-directory man
	@echo "man -l man/switchboard.1"

clean:
	rm -rf .build $(FUZZ_BUILD) completions man
