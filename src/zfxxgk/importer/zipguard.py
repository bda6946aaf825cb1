"""A Word file is a zip package: before a reader unpacks it, make sure it does not unpack into more
than the limits allow (a zip bomb of 18 MB can declare gigabytes, or declare little and hold more).

The number of parts and their declared sizes are checked first, from the central directory; then
every part is decompressed as a stream, counting the real bytes and stopping at the limit, so no
part is ever held in memory whole here.
"""

from __future__ import annotations

import io
import struct
import zipfile

from zfxxgk.errors import InputError
from zfxxgk.limits import LimitError, current

_END_OF_DIRECTORY = b"PK\x05\x06"
_CHUNK = 1 << 16


def check_zip(data: bytes, source: str) -> None:
    """Raise ``LimitError`` when the package at ``data`` has too many parts or unpacks beyond the
    unpacked size limit; ``InputError`` when it is damaged in a way that hides its size."""
    limits = current()
    entries = _declared_entries(data)
    if entries is not None and entries > limits.zip_members:
        raise LimitError(source, "zip_members", f"the package declares {entries:,} parts", f"压缩包声明了 {entries:,} 个部件")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            infos = package.infolist()
            if len(infos) > limits.zip_members:
                raise LimitError(source, "zip_members", f"the package has {len(infos):,} parts", f"压缩包有 {len(infos):,} 个部件")
            declared = sum(info.file_size for info in infos)
            if declared > limits.unpacked_size:
                raise LimitError(source, "unpacked_size", f"the package declares {declared:,} bytes unpacked",
                                 f"压缩包声明解压后为 {declared:,} 字节")
            real = 0
            for info in infos:
                with package.open(info) as part:
                    while chunk := part.read(_CHUNK):
                        real += len(chunk)
                        if real > limits.unpacked_size:
                            raise LimitError(source, "unpacked_size", f"the package unpacks to more than {real:,} bytes",
                                             f"压缩包解压后超过 {real:,} 字节")
    except InputError:
        raise
    # A damaged package: BadZipFile, zlib.error, CRC errors, NotImplementedError for an unknown
    # compression, RuntimeError for encryption, EOFError for a cut file. The reader says which.
    except Exception as error:  # noqa: BLE001
        raise InputError(source, f"not a readable Word .docx file ({type(error).__name__}: {error})",
                         f"无法读取的 Word .docx 文件（{type(error).__name__}：{error}）") from None


def _declared_entries(data: bytes) -> int | None:
    """The number of parts the end-of-directory record declares, read before zipfile builds one
    object per part (a crafted directory of millions of parts would cost gigabytes)."""
    at = data.rfind(_END_OF_DIRECTORY, max(0, len(data) - 65_557))
    if at < 0 or at + 22 > len(data):
        return None
    total = struct.unpack_from("<H", data, at + 10)[0]
    directory_size = struct.unpack_from("<I", data, at + 12)[0]
    if total == 0xFFFF or directory_size == 0xFFFFFFFF:
        return None  # zip64: zipfile reads the real count (no Word file needs zip64)
    return max(total, directory_size // 46)  # a part's directory entry takes at least 46 bytes
