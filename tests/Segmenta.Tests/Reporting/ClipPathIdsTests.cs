using System.Text;
using Segmenta.Reporting;

namespace Segmenta.Tests.Reporting;

public class ClipPathIdsTests
{
    private static string InOrder(params string[] parts)
    {
        var document = new StringBuilder();
        var numbers = new Dictionary<string, int>();
        foreach (var part in parts)
        {
            ClipPathIds.AppendInOrder(document, part, numbers);
        }
        return document.ToString();
    }

    [Fact]
    public void Clip_paths_are_numbered_in_order_of_appearance_across_the_parts_of_a_document()
    {
        var first = """<svg><clipPath id="cl_4f"><rect/></clipPath><g clip-path="url(#cl_4f)"><clipPath id="cl_51"/><g clip-path="url(#cl_51)"></g></g></svg>""";
        var second = """<svg><clipPath id="cl_3"/><g clip-path="url(#cl_3)"></g><clipPath id="cl_4f"/><g clip-path="url(#cl_4f)"></g></svg>""";

        var numbered = InOrder(first, second);

        Assert.Equal(
            """<svg><clipPath id="cl_0"><rect/></clipPath><g clip-path="url(#cl_0)"><clipPath id="cl_1"/><g clip-path="url(#cl_1)"></g></g></svg>"""
            + """<svg><clipPath id="cl_2"/><g clip-path="url(#cl_2)"></g><clipPath id="cl_0"/><g clip-path="url(#cl_0)"></g></svg>""",
            numbered);
    }

    [Fact]
    public void Text_that_only_looks_like_a_clip_path_id_is_left_as_it_is()
    {
        var text = """<p>Product cl_4f and url(#cl_51) and id=&quot;cl_7&quot;</p><svg><text>cl_9 clip-path=&quot;url(#cl_9)&quot;</text></svg>""";

        Assert.Equal(text, InOrder(text));
    }

    [Fact]
    public void Ids_past_fifteen_are_written_in_hex_as_skia_writes_them()
    {
        var ids = string.Concat(Enumerable.Range(100, 17).Select(i => $"""<clipPath id="cl_{i:x}"/>"""));

        var numbered = InOrder(ids);

        Assert.EndsWith("""<clipPath id="cl_f"/><clipPath id="cl_10"/>""", numbered, StringComparison.Ordinal);
    }
}
