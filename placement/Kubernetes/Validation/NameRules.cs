using System.Text;
using System.Text.RegularExpressions;

namespace NodePools.Placement.Kubernetes.Validation;

/// <summary>
/// Kubernetes' apimachinery name rules (k8s.io/apimachinery/pkg/util/validation): qualified names
/// (label keys, taint keys), label values and DNS-1123 subdomains. Each returns the list of rule
/// violations in Kubernetes' own words; an empty list means valid.
/// </summary>
public static partial class NameRules
{
    public const int QualifiedNameMaxLength = 63;
    public const int LabelValueMaxLength = 63;
    public const int Dns1123SubdomainMaxLength = 253;

    private const string QualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string QualifiedNameMessage =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string LabelValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string Dns1123SubdomainFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private const string Dns1123SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

    // \A and \z, not ^ and $: Go's $ never matches before a trailing newline, .NET's does.
    [GeneratedRegex(@"\A([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\z", RegexOptions.CultureInvariant)]
    private static partial Regex QualifiedNamePattern();

    [GeneratedRegex(@"\A(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex LabelValuePattern();

    [GeneratedRegex(@"\A[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123SubdomainPattern();

    /// <summary>A label or taint key: an optional DNS subdomain prefix and '/', then a name of at most 63 characters.</summary>
    public static IReadOnlyList<string> QualifiedName(string value)
    {
        var errors = new List<string>();
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                var prefix = parts[0];
                name = parts[1];
                if (prefix.Length == 0)
                    errors.Add("prefix part must be non-empty");
                else
                    errors.AddRange(Dns1123Subdomain(prefix).Select(message => "prefix part " + message));
                break;
            default:
                errors.Add("a qualified name " + RegexError(QualifiedNameMessage, QualifiedNameFormat, "MyName", "my.name", "123-abc")
                           + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errors;
        }

        if (name.Length == 0)
            errors.Add("name part must be non-empty");
        else if (ByteLength(name) > QualifiedNameMaxLength)
            errors.Add("name part " + MaxLengthError(QualifiedNameMaxLength));
        if (!QualifiedNamePattern().IsMatch(name))
            errors.Add("name part " + RegexError(QualifiedNameMessage, QualifiedNameFormat, "MyName", "my.name", "123-abc"));
        return errors;
    }

    /// <summary>A label value: empty, or at most 63 alphanumerics, '-', '_', '.' that start and end alphanumeric.</summary>
    public static IReadOnlyList<string> LabelValue(string value)
    {
        var errors = new List<string>();
        if (ByteLength(value) > LabelValueMaxLength)
            errors.Add(MaxLengthError(LabelValueMaxLength));
        if (!LabelValuePattern().IsMatch(value))
            errors.Add(RegexError(LabelValueMessage, "(" + QualifiedNameFormat + ")?", "MyValue", "my_value", "12345"));
        return errors;
    }

    public static IReadOnlyList<string> Dns1123Subdomain(string value)
    {
        var errors = new List<string>();
        if (ByteLength(value) > Dns1123SubdomainMaxLength)
            errors.Add(MaxLengthError(Dns1123SubdomainMaxLength));
        if (!Dns1123SubdomainPattern().IsMatch(value))
            errors.Add(RegexError(Dns1123SubdomainMessage, Dns1123SubdomainFormat, "example.com"));
        return errors;
    }

    public static bool IsQualifiedName(string value) => QualifiedName(value).Count == 0;

    // Go measures strings in bytes.
    private static int ByteLength(string value) => Encoding.UTF8.GetByteCount(value);

    private static string MaxLengthError(int length) => $"must be no more than {length} characters";

    private static string RegexError(string message, string format, params string[] examples) =>
        $"{message} (e.g. {string.Join(" or ", examples.Select(example => $"'{example}'"))}, regex used for validation is '{format}')";
}
