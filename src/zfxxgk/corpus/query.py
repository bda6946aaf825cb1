"""Looking into a dataset with DuckDB: every table is a view over its Parquet parts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from zfxxgk.corpus import store
from zfxxgk.export.tables import TABLES


class DatasetError(ValueError):
    """The folder is not a dataset, or the query failed: the message says which and why."""


def connect(dataset: Path) -> Any:
    """An in-memory DuckDB connection with a view for each table of ``dataset``."""
    import duckdb

    if not (dataset / "reports").is_dir():
        raise DatasetError(f"{dataset}: not a dataset (no reports/ folder); build one with zfxxgk corpus build "
                           f"（不是数据集：没有 reports/ 目录）")
    connection = duckdb.connect()
    for name in (*TABLES, "documents"):
        files = store.parts(dataset, name)
        if files:
            listed = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
            connection.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet([{listed}], union_by_name = true)")
        else:
            connection.register(name, store.table_schema(name).empty_table())
    return connection


def query(dataset: Path, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The column names and rows of ``sql`` run on the dataset."""
    import duckdb

    connection = connect(dataset)
    try:
        result = connection.execute(sql)
    except duckdb.Error as error:
        raise DatasetError(f"query failed（查询失败）: {error}") from None
    if result.description is None:
        return [], []
    return [column[0] for column in result.description], result.fetchall()
