using NodePools.Placement.Kubernetes.Validation;

namespace NodePools.Placement.Tests.Kubernetes;

/// <summary>Cases from k8s.io/apimachinery/pkg/util/validation's own tests.</summary>
public class NameRulesTests
{
    [Theory]
    [InlineData("simple")]
    [InlineData("now-with-dashes")]
    [InlineData("1-starts-with-num")]
    [InlineData("1234")]
    [InlineData("simple/simple")]
    [InlineData("now-with-dashes/simple")]
    [InlineData("now-with-dashes/now-with-dashes")]
    [InlineData("now.with.dots/simple")]
    [InlineData("now-with.dashes-and.dots/simple")]
    [InlineData("1-num.2-num/3-num")]
    [InlineData("1234/5678")]
    [InlineData("1.2.3.4/5678")]
    [InlineData("Uppercase_Is_OK_123")]
    [InlineData("example.com/Uppercase_Is_OK_123")]
    [InlineData("requests.storage-foo")]
    [InlineData("union.ai/node-role")]
    [InlineData("a")]
    [InlineData("123456789012345678901234567890123456789012345678901234567890123")] // 63
    public void Valid_qualified_names(string name) => Assert.Empty(NameRules.QualifiedName(name));

    [Theory]
    [InlineData("", "name part must be non-empty")]
    [InlineData("nospecialchars%^=@", "name part must consist of")]
    [InlineData("cantendwithadash-", "name part must consist of")]
    [InlineData("-cantstartwithadash-", "name part must consist of")]
    [InlineData("only/one/slash", "a qualified name must consist of")]
    [InlineData("Example.com/abc", "prefix part a lowercase RFC 1123 subdomain")]
    [InlineData("example_com/abc", "prefix part a lowercase RFC 1123 subdomain")]
    [InlineData("example.com/", "name part must be non-empty")]
    [InlineData("/simple", "prefix part must be non-empty")]
    [InlineData("example.com/@", "name part must consist of")]
    [InlineData("1234567890123456789012345678901234567890123456789012345678901234", "name part must be no more than 63 characters")]
    [InlineData("simple\n", "name part must consist of")] // Go's $ does not match before a trailing newline
    [InlineData("näme", "name part must consist of")]
    public void Invalid_qualified_names(string name, string expected)
    {
        var errors = NameRules.QualifiedName(name);
        Assert.Contains(errors, error => error.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_prefix_may_be_253_characters_but_not_254()
    {
        var label = new string('a', 63);
        var prefix253 = string.Join('.', label, label, label, new string('a', 61)); // 63*3 + 3 dots + 61 = 253
        Assert.Equal(253, prefix253.Length);
        Assert.Empty(NameRules.QualifiedName(prefix253 + "/name"));
        Assert.Contains("prefix part must be no more than 253 characters", NameRules.QualifiedName(prefix253 + "a/name"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("simple")]
    [InlineData("now-with-dashes")]
    [InlineData("1-starts-with-num")]
    [InlineData("end-with-num-1")]
    [InlineData("1234")]
    [InlineData("true")]
    [InlineData("Uppercase_And.Dots")]
    [InlineData("123456789012345678901234567890123456789012345678901234567890123")]
    public void Valid_label_values(string value) => Assert.Empty(NameRules.LabelValue(value));

    [Theory]
    [InlineData("nospecialchars%^=@")]
    [InlineData("Tama-nui-te-rā.is.Māori.sun")]
    [InlineData("\\backslashes\\are\\bad")]
    [InlineData("-starts-with-dash")]
    [InlineData("ends-with-dash-")]
    [InlineData(".starts.with.dot")]
    [InlineData("ends.with.dot.")]
    [InlineData("has space")]
    [InlineData("a/b")]
    [InlineData("1234567890123456789012345678901234567890123456789012345678901234")]
    public void Invalid_label_values(string value) => Assert.NotEmpty(NameRules.LabelValue(value));

    [Fact]
    public void A_label_value_over_63_characters_names_the_limit() =>
        Assert.Contains("must be no more than 63 characters", NameRules.LabelValue(new string('a', 64)));
}
