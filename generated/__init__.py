"""Artifacts generated from schema/zfxxgk.yaml. Do not edit."""
