"""What the tests and the benchmarks share, so that benchmarks/ imports nothing from tests/:
the configuration of an app under test, the triage evaluation on the labelled messages of
tests/data/triage, and a real Rasa server started for a measure."""
