using Segmenta.Loading;

namespace Segmenta.Tests.Loading;

public class DelimitedRecordReaderTests
{
    private static List<(long Line, RecordProblem Problem, string[] Fields, string Raw)> ReadAll(string text, char delimiter = ',')
    {
        using var reader = new DelimitedRecordReader(new StringReader(text), delimiter);
        var records = new List<(long, RecordProblem, string[], string)>();
        while (reader.Read())
        {
            var fields = Enumerable.Range(0, reader.FieldCount).Select(i => reader.Field(i).ToString()).ToArray();
            records.Add((reader.LineNumber, reader.Problem, fields, reader.RawText()));
        }
        return records;
    }

    [Fact]
    public void Quoted_fields_keep_delimiters_and_doubled_quotes()
    {
        var records = ReadAll("a,b,c\n1,\"x, \"\"y\"\"\",3\n");
        Assert.Single(records);
        Assert.Equal(["1", "x, \"y\"", "3"], records[0].Fields);
        Assert.Equal(2, records[0].Line);
    }

    [Fact]
    public void A_quoted_field_may_span_lines_and_the_next_record_keeps_its_physical_line_number()
    {
        var records = ReadAll("a,b\n1,\"two\nlines\"\n2,x\n");
        Assert.Equal(2, records.Count);
        Assert.Equal("two\nlines", records[0].Fields[1]);
        Assert.Equal(4, records[1].Line);
    }

    [Fact]
    public void An_unterminated_quote_quarantines_only_its_own_line()
    {
        var records = ReadAll("a,b\n1,\"broken\n2,x\n3,y\n");
        Assert.Equal(3, records.Count);
        Assert.Equal(RecordProblem.UnterminatedQuote, records[0].Problem);
        Assert.Equal("1,\"broken", records[0].Raw);
        Assert.Equal((3L, RecordProblem.None), (records[1].Line, records[1].Problem));
        Assert.Equal((4L, RecordProblem.None), (records[2].Line, records[2].Problem));
    }

    [Fact]
    public void A_stray_quote_closed_lines_later_does_not_swallow_the_lines_between()
    {
        var records = ReadAll("a,b\n1,\"x\n2,y\n3,\"z\n");
        Assert.Equal(RecordProblem.UnterminatedQuote, records[0].Problem);
        Assert.Equal(["2", "y"], records[1].Fields);
        Assert.Equal(3, records[1].Line);
    }

    [Fact]
    public void Lines_with_too_few_or_too_many_fields_are_flagged()
    {
        var records = ReadAll("a,b,c\n1,2\n1,2,3,4\n1,2,3\n");
        Assert.Equal([RecordProblem.WrongFieldCount, RecordProblem.WrongFieldCount, RecordProblem.None], records.Select(r => r.Problem));
    }

    [Fact]
    public void Blank_lines_and_a_byte_order_mark_are_skipped()
    {
        var reader = new DelimitedRecordReader(new StringReader("\uFEFFa;b\n\n1;2\r\n"), ';');
        Assert.Equal(["a", "b"], reader.Header);
        Assert.True(reader.Read());
        Assert.Equal("2", reader.Field(1).ToString());
        Assert.Equal(3, reader.LineNumber);
        Assert.False(reader.Read());
    }
}
