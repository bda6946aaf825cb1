"""Artifacts generated from schema/zfxxgk.yaml. Do not edit."""

__version__ = "1.0.0"
