using System.Text;

namespace NodePools.Placement.Reports;

/// <summary>One resource step of a Pulumi preview, in engine terms (op: create, update, replace, delete...).</summary>
public sealed record ResourceStep(string Operation, string Urn, string Type, IReadOnlyList<string> ChangedProperties)
{
    /// <summary>The resource's name: the last URN segment.</summary>
    public string Name => Urn[(Urn.LastIndexOf("::", StringComparison.Ordinal) + 2)..];
}

/// <summary>
/// The pull-request comment for one stack: the preview's change summary, replaced and deleted
/// resources first, then the placement changes and hazards from `nodepools diff`.
/// </summary>
public static class ReviewDocument
{
    /// <summary>Operations that destroy something, listed before anything else.</summary>
    private static readonly HashSet<string> Destructive = new(StringComparer.Ordinal)
    {
        "replace", "create-replacement", "delete-replaced", "delete",
    };

    public static string Render(string project, string stack, IReadOnlyDictionary<string, int> changeSummary,
        IReadOnlyList<ResourceStep> steps, DiffReport placement)
    {
        var text = new StringBuilder();
        var destructive = steps.Where(s => Destructive.Contains(s.Operation)).ToList();
        var hazards = placement.Summary.Errors + placement.Summary.Warnings;
        text.Append($"# `{stack}`: {Verdict(destructive.Count, placement.Summary.Errors, hazards)}\n\n");

        text.Append("## Resource changes\n\n");
        var counted = changeSummary.Where(pair => pair.Value > 0 && pair.Key != "same").OrderBy(pair => pair.Key, StringComparer.Ordinal).ToList();
        text.Append(counted.Count == 0
            ? "No resource changes.\n"
            : Markdown.Table(["operation", "resources"], counted.Select(pair => (IReadOnlyList<string>)[pair.Key, pair.Value.ToString()])));

        if (destructive.Count > 0)
        {
            text.Append("\n### ⚠️ Replaced or deleted\n\n");
            text.Append(Markdown.Table(["operation", "resource", "type", "because of"],
                destructive.Select(s => (IReadOnlyList<string>)[s.Operation, Markdown.Code(s.Name), Markdown.Code(s.Type), Markdown.Cell(string.Join(", ", s.ChangedProperties))])));
        }

        var updates = steps.Where(s => s.Operation == "update").ToList();
        if (updates.Count > 0)
        {
            text.Append("\n### Updated in place\n\n");
            text.Append(Markdown.Table(["resource", "type", "properties"],
                updates.Select(s => (IReadOnlyList<string>)[Markdown.Code(s.Name), Markdown.Code(s.Type), Markdown.Cell(string.Join(", ", s.ChangedProperties))])));
        }

        text.Append('\n');
        // The placement review, one heading level down.
        text.Append(DiffMarkdown.Render(placement).Replace("\n### ", "\n#### ", StringComparison.Ordinal).Replace("## ", "### ", StringComparison.Ordinal));
        text.Append($"\n<sub>project `{project}`, stack `{stack}`: `nodepools diff` and `pulumi preview --diff`</sub>\n");
        return text.ToString();
    }

    private static string Verdict(int destructive, int errors, int hazards) =>
        errors > 0 ? $"🔴 {errors} placement error(s): do not merge as is"
        : destructive > 0 ? $"🟡 {destructive} resource(s) replaced or deleted"
        : hazards > 0 ? $"🟡 {hazards} placement warning(s)"
        : "🟢 safe to deploy";
}
