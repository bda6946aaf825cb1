"""Generation of the committed artifacts in ``generated/`` from ``schema/zfxxgk.yaml``.

Needs the ``dev`` extra (LinkML, datamodel-code-generator); the runtime package never imports it.
"""
