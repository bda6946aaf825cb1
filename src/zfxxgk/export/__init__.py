"""Reports as data tables: ``reports`` (one typed column per cell), ``cells`` (long form, with how
each cell was read), ``findings`` and ``parse_log``, written as CSV or Parquet with a Frictionless
``datapackage.json`` made from the layout. ``zfxxgk export`` writes them for a few reports;
``zfxxgk corpus build`` for a whole corpus. Needs pyarrow (``pip install 'zfxxgk[corpus]'``)."""
