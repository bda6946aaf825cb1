"""zfxxgk: the open data standard for the PRC government information disclosure annual report.

政府信息公开工作年度报告 数据标准与工具。
"""

from zfxxgk.generated import __version__  # the schema's version: one source (schema/zfxxgk.yaml)

__all__ = ["__version__"]
