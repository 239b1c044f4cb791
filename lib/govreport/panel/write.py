"""Writing the panel's tables: CSV (UTF-8 with BOM) and Parquet, row by row, the same bytes each time.

A ``TableWriter`` takes one report's rows at a time: the CSV lines go straight to the file,
the Arrow rows into a buffer written as a Parquet row group once it holds ``ROW_GROUP`` rows
or ``ROW_GROUP_BYTES`` bytes of Arrow data, whichever comes first. Every ``COMPACT`` reports
the buffer's small tables are copied into one: a table read back from the cache costs tens of
kilobytes of bookkeeping beyond its data, which thousands of reports of a few rows each would
otherwise pile up before a row group is full. So writing a table needs about one row group's
memory (at most ``ROW_GROUP_BYTES`` and a report), whatever the number of reports.

Columns have one type whatever the report (``schema``), and the Parquet file has no pandas
metadata or timestamps: the same rows in the same order, a report at a time, give the same bytes,
whatever the number of processes that read them.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

ROW_GROUP = 50_000           # a row group is written once the buffer holds this many rows
ROW_GROUP_BYTES = 32 << 20  # ... or this many bytes of Arrow data
COMPACT = 64                # the buffer's loose tables are copied into one this often
BOM = b"\xef\xbb\xbf"


def csv_body(table: pd.DataFrame) -> bytes:
    """The rows of ``table`` as CSV lines (no header), missing values empty."""
    return table.to_csv(index=False, header=False, lineterminator="\n").encode("utf-8") if len(table) else b""


def csv_header(columns: list[str]) -> bytes:
    return pd.DataFrame(columns=columns).to_csv(index=False, lineterminator="\n").encode("utf-8")


def arrow(table: pd.DataFrame, schema=None):
    """``table`` as an Arrow table without pandas metadata, cast to ``schema`` when given."""
    import pyarrow as pa

    t = pa.Table.from_pandas(table, preserve_index=False).replace_schema_metadata(None)
    return t.cast(schema) if schema is not None else t


def rendered(table: pd.DataFrame) -> tuple[bytes, object]:
    """A table ready for ``TableWriter.add``: its CSV lines and its Arrow table."""
    return csv_body(table), arrow(table)


class TableWriter:
    """``name.csv`` and ``name.parquet`` in ``folder``, written a report at a time."""

    def __init__(self, folder: Path, name: str, empty: pd.DataFrame):
        import pyarrow.parquet as pq

        self.schema = arrow(empty).schema
        self.columns = list(empty.columns)
        self.csv = open(folder / f"{name}.csv", "wb")
        self.csv.write(BOM + csv_header(self.columns))
        self.parquet = pq.ParquetWriter(folder / f"{name}.parquet", self.schema)
        self.buffer: list = []   # compacted tables, then the tables added since
        self.loose = 0           # how many tables at the end of the buffer are not compacted
        self.buffered = 0        # rows in the buffer
        self.bytes = 0           # their Arrow data, in bytes
        self.rows = 0

    def add(self, body: bytes, table) -> None:
        """Append rows given as CSV lines and as an Arrow table (``rendered``)."""
        if not table.num_rows:
            return
        if table.schema != self.schema:
            table = table.cast(self.schema)
        self.csv.write(body)
        self.buffer.append(table)
        self.loose += 1
        self.buffered += table.num_rows
        self.bytes += table.nbytes
        self.rows += table.num_rows
        if self.buffered >= ROW_GROUP or self.bytes >= ROW_GROUP_BYTES:
            self._flush()
        elif self.loose >= COMPACT:
            self._compact()

    def add_frame(self, table: pd.DataFrame) -> None:
        self.add(csv_body(table), arrow(table[self.columns], self.schema))

    def _compact(self) -> None:
        """The loose tables copied into one (their bookkeeping freed)."""
        import pyarrow as pa

        if self.loose > 1:
            kept = self.buffer[:-self.loose]
            self.buffer = kept + [pa.concat_tables(self.buffer[-self.loose:]).combine_chunks()]
        self.loose = 0

    def _flush(self) -> None:
        import pyarrow as pa

        if self.buffer:
            self.parquet.write_table(pa.concat_tables(self.buffer), row_group_size=max(self.buffered, 1))
        self.buffer, self.loose, self.buffered, self.bytes = [], 0, 0, 0
        pa.default_memory_pool().release_unused()

    def close(self) -> None:
        self._flush()
        if self.rows == 0:  # an empty table still gets its columns in the Parquet file
            self.parquet.write_table(self.schema.empty_table())
        self.parquet.close()
        self.csv.close()


def write_frame(folder: Path, name: str, table: pd.DataFrame) -> None:
    """A whole (small) table at once."""
    writer = TableWriter(folder, name, table.iloc[0:0])
    writer.add_frame(table)
    writer.close()
