using System.Text.RegularExpressions;

namespace NodePools.Placement.Declaration;

/// <summary>
/// One step of a patch path: a mapping key, and — for a list of named entries such as a
/// KnativeServing's <c>spec.workloads</c> — the entry whose <see cref="Field"/> equals <see cref="Value"/>.
/// </summary>
public sealed record PatchStep(string Key, string? Field = null, string? Value = null)
{
    public bool SelectsEntry => Field is not null;

    public override string ToString() => SelectsEntry ? $"{Key}[{Field}={Value}]" : Key;
}

/// <summary>
/// Where in a rendered object a patch applies: dotted mapping keys, each optionally selecting a list
/// entry by one of its fields (<c>spec.workloads[name=activator]</c>). The empty path is the object itself.
/// A step that is missing is created when the patch applies (a mapping, or a list entry holding only
/// the selecting field), because operators' custom resources usually leave such overrides out.
/// </summary>
public sealed partial record PatchPath(IReadOnlyList<PatchStep> Steps)
{
    public static readonly PatchPath Root = new([]);

    // A key: what Kubernetes field names and operators' override keys are made of. A selector: one field equal to a value.
    [GeneratedRegex(@"\A(?<key>[A-Za-z0-9_-]+)(?:\[(?<field>[A-Za-z0-9_-]+)=(?<value>[^\[\]=]+)\])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Step();

    /// <summary>Reads "spec.workloads[name=activator]"; null with the reason when the text is not a path.</summary>
    public static (PatchPath? Path, string? Problem) Parse(string text)
    {
        if (text is "" or ".")
            return (Root, null);
        var steps = new List<PatchStep>();
        // Split on dots outside brackets: a selected value may hold dots (a name like "a.b").
        foreach (var part in SplitOutsideBrackets(text))
        {
            var match = Step().Match(part);
            if (!match.Success)
            {
                return (null, $"\"{part}\" is not a path step: write mapping keys separated by dots, a list entry as key[field=value] "
                              + "(e.g. spec.template.spec, spec.workloads[name=activator]), or \".\" for the object itself");
            }
            steps.Add(match.Groups["field"].Success
                ? new PatchStep(match.Groups["key"].Value, match.Groups["field"].Value, match.Groups["value"].Value)
                : new PatchStep(match.Groups["key"].Value));
        }
        return (new PatchPath(steps), null);
    }

    public static PatchPath Of(IEnumerable<string> keys) => new(keys.Select(key => new PatchStep(key)).ToList());

    public override string ToString() => Steps.Count == 0 ? "." : string.Join('.', Steps);

    // Records compare lists by reference; paths are compared by what they say.
    public bool Equals(PatchPath? other) => other is not null && Steps.SequenceEqual(other.Steps);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    private static IEnumerable<string> SplitOutsideBrackets(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '[': depth++; break;
                case ']': depth--; break;
                case '.' when depth == 0:
                    yield return text[start..i];
                    start = i + 1;
                    break;
            }
        }
        yield return text[start..];
    }
}
