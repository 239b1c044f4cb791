"""The word lists in data/ are read one way (``govreport.paths.data_lines``, ``role_words``)."""

from govreport import paths


def test_comments_and_blank_lines_are_left_out_and_lines_lose_their_end_blanks(tmp_path):
    path = tmp_path / "words.tsv"
    path.write_text("# role<TAB>word\n\nplace\t河口  \n  \nbutton\t打印\tprint\n#place\t不算\nplace\t山南\n", encoding="utf-8")
    assert paths.data_lines(path) == ["place\t河口", "button\t打印\tprint", "place\t山南"]
    assert paths.role_words(path) == {"place": ["河口", "山南"], "button": ["打印"]}


def test_every_list_of_the_package_reads():
    for path in paths.DATA_DIR.iterdir():
        if path.suffix in (".tsv", ".txt"):
            assert paths.data_lines(path.name), path.name
