# The two commands a newcomer needs (README): `make run` and `make test`.
.PHONY: run test setup lint bench

run:
	@bin/run

test:
	@bin/test

setup:
	@bin/setup

lint:
	@bin/lint

bench:
	@bin/bench
