"""Bad input gets a clear ReportError naming the file and the problem."""

import pytest

from govreport import ReportError, load_report


def check(path, fragment):
    with pytest.raises(ReportError) as info:
        load_report(path)
    message = str(info.value)
    assert str(path) in message
    assert fragment in message
    assert isinstance(info.value, ValueError)
    return message


def test_missing_file(tmp_path):
    check(tmp_path / "nope.txt", "file not found")


def test_directory(tmp_path):
    check(tmp_path, "is a directory")


def test_empty_file(write_report):
    check(write_report(b""), "file is empty")


@pytest.mark.parametrize("content", [" \n\t\r\n", "\u3000\u3000\n", "\ufeff  \n"])
def test_whitespace_only(write_report, content):
    check(write_report(content), "only whitespace")


def test_binary_file(write_report):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 4
    check(write_report(png, name="chart.png"), "binary")


def test_undecodable(write_report):
    check(write_report(b"\xff\xfe\xfd" * 3 + "一、工作".encode() + b"\x80\xff\x81", name="x.txt"), "")
    with pytest.raises(ReportError, match="cannot be decoded as UTF-8 or GB18030"):
        load_report(write_report(b"abc \x80\x80\xff\xff \xfe def", name="y.txt"))


def test_control_characters(write_report):
    check(write_report("一、工作回顾\n" + "\x01\x02\x03\x04" * 20 + "（一）好。\n"), "binary")


def test_not_chinese(write_report):
    check(write_report("Annual report\n1. Review\nThe economy grew.\n"), "no Chinese characters")


def test_text_without_headings_loads_flat(write_report):
    # A text with no headings is still read (one part, empty title), not refused.
    r = load_report(write_report("今天天气很好。我们去公园散步，看见很多人在跳舞。\n晚上回家吃饭。\n"))
    assert r.meta["layout"] == "flat"
    assert list(r.outline["level"]) == ["preamble", "part"]
    assert r.node("1")["title"] == ""
    assert r.span("1").startswith("今天天气很好") and r.span("1").endswith("晚上回家吃饭。")


@pytest.mark.parametrize("content", ["甲 乙 丙\n", "1. 中\n2. 国\n", "（一）\n、。\n"])
def test_no_sentence(write_report, content):
    check(write_report(content), "has no sentence")


def test_damaged_pdf(write_report):
    data = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(range(256))
    message = check(write_report(data, name="report.txt"), "is a damaged PDF file")  # renamed .txt: the bytes say what it is
    assert "save it as .docx or .txt" in message


def ole(*streams: str) -> bytes:
    """The head of a compound file (old Office, WPS, encrypted Office) naming its streams."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"".join(s.encode("utf-16-le") + bytes(16) for s in streams)


def zipped(names: dict) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, content in names.items():
            z.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data, name, fragment",
    [
        (ole("WordDocument", "1Table"), "report.doc", "an old Word .doc file"),
        (ole("WordDocument"), "report.txt", "an old Word .doc file"),  # renamed .txt: the bytes say what it is
        (ole("EncryptionInfo", "EncryptedPackage"), "report.docx", "password-protected (encrypted) Office file"),
        (ole("WpsContent"), "report.wps", "a WPS document"),
        (ole("Workbook"), "report.txt", "an old Office file"),
        (b"{\\rtf1\\ansi\\deff0 {\\fonttbl}\\f0 \\u25919?\\u24220?}", "report.rtf", "an RTF document"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + b"[Content_Types].xml" + bytes(range(256)), "report.docx", "a damaged Word .docx file"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(range(256)), "archive.txt", "a damaged zip file"),
        (zipped({"xl/workbook.xml": "<workbook/>"}), "report.docx", "an Excel workbook"),
        (zipped({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}), "report.odt", "an OpenDocument file"),
        (zipped({"word/document.xml": "<w:document><w:body><w:p>"}), "report.docx", "a damaged Word .docx file"),
        (zipped({"word/document.xml": '<?xml version="1.0"?><document/>'}), "report.docx", "without a document body"),
    ],
)
def test_documents_not_read(write_report, data, name, fragment):
    message = check(write_report(data, name=name), fragment)
    assert "save it as .docx or .txt" in message


def test_docx_without_text(write_report):
    import docx

    path = write_report(b"", name="blank.docx")
    docx.Document().save(path)
    check(path, "is a Word .docx file without any text")


@pytest.mark.parametrize(
    "page, text",
    [
        ("<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>政府工作报告</title></head>\n<body><p>一、工作回顾</p></body></html>\n", "一、工作回顾"),
        ("\n  <html lang=\"zh\">\n<body>\n<div>各位代表：请审议。</div>\n</body></html>\n", "各位代表：请审议。"),
    ],
)
def test_html_page_is_read_whatever_its_extension(write_report, page, text):
    for path in (write_report(page, name="report.htm"), write_report(page, name="page-gbk.txt", encoding="gb18030")):
        r = load_report(path)
        assert (r.meta["format"], r.text) == ("html", text)


@pytest.mark.parametrize(
    "kwargs, fragment",
    [
        ({"date": "2021/02/23"}, "date must be an ISO date 'YYYY-MM-DD'"),
        ({"date": "2021-02-30"}, "got '2021-02-30'"),
        ({"date": "二〇二一年二月二十三日"}, "date must be an ISO date"),
        ({"date": 2021}, "date must be an ISO date"),
        ({"place": "  "}, "place must be a non-empty name"),
        ({"level": "city"}, "level must be one of national, province, prefecture, county"),
    ],
)
def test_invalid_given_values(kwargs, fragment):
    from govreport import paths

    with pytest.raises(ReportError) as info:
        load_report(**kwargs)
    assert str(paths.DEFAULT_REPORT) in str(info.value) and fragment in str(info.value)


def test_wrong_encoding_declared_by_bom(write_report):
    check(write_report(b"\xff\xfe" + b"\x00\xd8" + b"a", name="bad16.txt"), "byte-order mark")


@pytest.mark.parametrize("enabled", [True, False])
def test_garbage_collector_state_restored_after_an_error(write_report, enabled):
    # The loader pauses the cyclic garbage collector while it builds its tables; an error
    # raised inside must leave the collector as the caller had it.
    import gc

    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        check(write_report("甲 乙 丙 丁\n".encode()), "has no sentence")
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_web_archive(write_report):
    mht = (
        "From: <Saved by Blink>\r\nSubject: =?utf-8?Q?=E6=94=BF=E5=BA=9C?=\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="----MultipartBoundary--x"\r\n\r\n'
        "------MultipartBoundary--x\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        "<html><body><p>=E6=94=BF=E5=BA=9C=E5=B7=A5=E4=BD=9C</p></body></html>\r\n"
    )
    message = check(write_report(mht, name="page.mht"), "is a saved web archive")
    assert "(.html)" in message
