"""zfxxgk: the open data standard for the PRC government information disclosure annual report.

政府信息公开工作年度报告 数据标准与工具。
"""

__version__ = "1.0.0"
