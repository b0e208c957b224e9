using NodePools.Placement.Scheduling;

namespace NodePools.Placement.Tests.Scheduling;

/// <summary>strconv.ParseInt(s, 10, 64): what Gt and Lt accept as an integer.</summary>
public class GoIntegerTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("42", 42L)]
    [InlineData("-42", -42L)]
    [InlineData("+42", 42L)]
    [InlineData("007", 7L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void Parses(string text, long expected)
    {
        Assert.True(GoInteger.TryParse(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("+")]
    [InlineData("-")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1_000")]
    [InlineData("1.0")]
    [InlineData("1e3")]
    [InlineData("0x10")]
    [InlineData("9223372036854775808")]
    [InlineData("-9223372036854775809")]
    [InlineData("99999999999999999999999")]
    [InlineData("١٢")] // Arabic-Indic digits: not ASCII
    [InlineData("abc")]
    public void Refuses(string text) => Assert.False(GoInteger.TryParse(text, out _));
}
