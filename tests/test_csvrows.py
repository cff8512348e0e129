"""booklet.data.csvrows: records and the lines they start on, and the unclosed-quote check."""

import pytest

from booklet.data.csvrows import CsvError, csv_rows


def test_records_start_on_the_lines_the_reader_counts_whatever_the_line_ends():
    for end in ("\n", "\r\n", "\r"):
        text = end.join(['name,affiliation', 'Bo Jones,"Uni', 'A"', 'Ana Smith,Uni B', ''])
        assert csv_rows(text) == ([["name", "affiliation"], ["Bo Jones", "Uni" + end + "A"],
                                   ["Ana Smith", "Uni B"]], [1, 2, 4])


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x0b", "\x0c", "\x1c", "\x85"])
def test_a_character_str_splitlines_splits_at_is_no_line_end_for_the_quote_check(separator):
    # a quote inside an unquoted value is kept as written; the check of the last record used to start
    # inside the earlier value (str.splitlines splits at these), see that quote open, and call the file broken
    text = f'name,affiliation\nBo Jones,Uni{separator}"A\nAna Smith,Uni B\n'
    assert csv_rows(text) == ([["name", "affiliation"], ["Bo Jones", f'Uni{separator}"A'],
                               ["Ana Smith", "Uni B"]], [1, 2, 3])


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_a_quote_never_closed_is_reported_on_the_line_it_opens(end):
    text = end.join(['name,affiliation', 'Bo Jones,Uni\u2028A', 'Ana Smith,"Uni B', 'Cy Chen,Uni C', ''])
    with pytest.raises(CsvError) as caught:
        csv_rows(text)
    assert caught.value.line == 3
    assert caught.value.message.startswith("a value opened with a double quote on this line is never closed")
