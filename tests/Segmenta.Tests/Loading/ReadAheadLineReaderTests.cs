using System.Text;
using Segmenta.Loading;

namespace Segmenta.Tests.Loading;

public class ReadAheadLineReaderTests
{
    private static List<string> Lines(TextReader reader)
    {
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }
        return lines;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(ReadAheadLineReader.LinesPerBatch - 1)]
    [InlineData(ReadAheadLineReader.LinesPerBatch)]
    [InlineData(ReadAheadLineReader.LinesPerBatch + 1)]
    [InlineData((ReadAheadLineReader.LinesPerBatch * (ReadAheadLineReader.BatchesAhead + 3)) + 17)]
    public void ReadLine_gives_the_inner_readers_lines_in_order_and_then_null(int count)
    {
        var text = string.Concat(Enumerable.Range(0, count).Select(i => $"line {i},{(i % 7 == 0 ? "" : "x")}\r\n"));

        using var reader = new ReadAheadLineReader(new StringReader(text));

        Assert.Equal(Lines(new StringReader(text)), Lines(reader));
        Assert.Null(reader.ReadLine());
    }

    [Fact]
    public void ReadLine_throws_the_inner_readers_error_after_the_lines_the_inner_reader_gives_before_it()
    {
        // Strict UTF-8 with an invalid byte after more than a batch of lines.
        var good = string.Concat(Enumerable.Range(0, (ReadAheadLineReader.LinesPerBatch * 2) + 2).Select(i => $"{i}\n"));
        var bytes = Encoding.UTF8.GetBytes(good).Concat(new byte[] { 0x41, 0xFF, 0x0A, 0x42, 0x0A }).ToArray();
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        static (List<string> Lines, Exception? Error) ReadUntilError(TextReader reader)
        {
            var lines = new List<string>();
            var error = Record.Exception(() =>
            {
                while (reader.ReadLine() is { } line)
                {
                    lines.Add(line);
                }
            });
            return (lines, error);
        }

        var alone = ReadUntilError(new StreamReader(new MemoryStream(bytes), strict, false, bufferSize: 128));
        using var ahead = new ReadAheadLineReader(new StreamReader(new MemoryStream(bytes), strict, false, bufferSize: 128));
        var readAhead = ReadUntilError(ahead);

        Assert.IsType<DecoderFallbackException>(alone.Error);
        Assert.IsType<DecoderFallbackException>(readAhead.Error);
        Assert.True(alone.Lines.Count > ReadAheadLineReader.LinesPerBatch, "the error comes after a whole batch");
        Assert.Equal(alone.Lines, readAhead.Lines);
        Assert.IsType<DecoderFallbackException>(Record.Exception(() => ahead.ReadLine()));
    }

    [Fact]
    public void Dispose_before_the_end_stops_the_reading_and_closes_the_inner_reader()
    {
        var inner = new CountingReader(ReadAheadLineReader.LinesPerBatch * (ReadAheadLineReader.BatchesAhead + 10));
        var reader = new ReadAheadLineReader(inner);
        Assert.Equal("0", reader.ReadLine());

        reader.Dispose();

        Assert.True(inner.Disposed);
        // It read at most the batches the queue holds, the one handed out and the one it was filling.
        Assert.InRange(inner.Served, 1, ReadAheadLineReader.LinesPerBatch * (ReadAheadLineReader.BatchesAhead + 2));
        Assert.Throws<ObjectDisposedException>(() => reader.ReadLine());
    }

    [Fact]
    public void A_delimited_file_read_ahead_gives_the_same_records_and_line_numbers()
    {
        var text = "a,b\n1,\"two\nlines\"\n\n2,\"broken\n3,y\n" + string.Concat(Enumerable.Range(4, 9000).Select(i => $"{i},\"q{i}\"\n"));

        static List<(long, RecordProblem, string)> Records(TextReader text)
        {
            using var reader = new DelimitedRecordReader(text, ',');
            var records = new List<(long, RecordProblem, string)>();
            while (reader.Read())
            {
                records.Add((reader.LineNumber, reader.Problem, string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.Field(i).ToString()))));
            }
            return records;
        }

        Assert.Equal(Records(new StringReader(text)), Records(new ReadAheadLineReader(new StringReader(text))));
    }

    /// <summary>Gives "0", "1", ... up to a count, counting the lines served and whether it was disposed.</summary>
    private sealed class CountingReader(int count) : TextReader
    {
        private int _served;

        public int Served => Volatile.Read(ref _served);

        public bool Disposed { get; private set; }

        public override string? ReadLine() => _served < count ? (Interlocked.Increment(ref _served) - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
