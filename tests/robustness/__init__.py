"""Robustness: bad input, killed builds, reproducibility, fuzzing, untrusted text."""
