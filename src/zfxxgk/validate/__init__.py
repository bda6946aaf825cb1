"""Validation of reports: structure, identities, plausibility, cross-year checks."""

from zfxxgk.validate.findings import Contribution, Finding, Result
from zfxxgk.validate.validator import Validator

__all__ = ["Contribution", "Finding", "Result", "Validator"]
