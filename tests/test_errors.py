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


def test_no_outline(write_report):
    text = "今天天气很好。我们去公园散步，看见很多人在跳舞。\n晚上回家吃饭。\n"
    message = check(write_report(text), "no recognisable report outline")
    assert "一、" in message


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
        check(write_report("关于政府工作的一些说明文字。\n没有任何提纲。\n".encode()), "no recognisable report outline")
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
