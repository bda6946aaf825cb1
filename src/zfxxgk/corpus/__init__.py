"""A corpus of reports as a dataset: ``zfxxgk corpus build`` reads every document of the sources in
parallel on Dask into Parquet tables (the export tables, see ``zfxxgk.export``), runs the checks
across the corpus (each agency's reports paired across years; tables copied between reports), and
``zfxxgk corpus query`` / ``corpus summary`` look into it with DuckDB. See docs/corpus.md."""
