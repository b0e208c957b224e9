using System.Globalization;

namespace NodePools.Placement.Kubernetes;

/// <summary>
/// A Kubernetes resource quantity ("500m", "1.5", "2Gi", "1e3", "128974848"), as
/// k8s.io/apimachinery resource.Quantity reads it: a signed decimal number with an optional binary
/// (Ki…Ei), decimal (n, u, m, k, M…E) or exponent (e3) suffix.
/// </summary>
public static class Quantity
{
    private static readonly (string Suffix, decimal Multiplier)[] Suffixes =
    [
        ("Ki", 1024m), ("Mi", 1024m * 1024), ("Gi", 1024m * 1024 * 1024), ("Ti", 1024m * 1024 * 1024 * 1024),
        ("Pi", 1024m * 1024 * 1024 * 1024 * 1024), ("Ei", 1024m * 1024 * 1024 * 1024 * 1024 * 1024),
        ("n", 0.000000001m), ("u", 0.000001m), ("m", 0.001m), ("k", 1000m), ("M", 1_000_000m),
        ("G", 1_000_000_000m), ("T", 1_000_000_000_000m), ("P", 1_000_000_000_000_000m), ("E", 1_000_000_000_000_000_000m),
    ];

    public static bool TryParse(string text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrEmpty(text) || text.Trim() != text)
            return false;
        var number = text;
        var multiplier = 1m;
        var exponent = text.IndexOfAny(['e', 'E']);
        if (exponent > 0 && exponent < text.Length - 1)
        {
            if (!int.TryParse(text[(exponent + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var power) || Math.Abs(power) > 18)
                return false;
            number = text[..exponent];
            multiplier = power >= 0 ? Pow10(power) : 1m / Pow10(-power);
        }
        else
        {
            foreach (var (suffix, factor) in Suffixes)
            {
                if (text.EndsWith(suffix, StringComparison.Ordinal))
                {
                    number = text[..^suffix.Length];
                    multiplier = factor;
                    break;
                }
            }
        }
        if (number.Length == 0 || !number.All(c => char.IsAsciiDigit(c) || c is '.' or '+' or '-')
            || !decimal.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
            return false;
        try
        {
            value = parsed * multiplier;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>The quantity in the unit the scheduler compares: thousandths of a CPU for cpu, whole units otherwise (rounded up, as Quantity.MilliValue and Value do).</summary>
    public static long SchedulingUnits(string resource, decimal value)
    {
        var scaled = resource == "cpu" ? value * 1000m : value;
        var ceiling = decimal.Ceiling(scaled);
        return ceiling > long.MaxValue ? long.MaxValue : ceiling < long.MinValue ? long.MinValue : (long)ceiling;
    }

    private static decimal Pow10(int power)
    {
        var result = 1m;
        for (var i = 0; i < power; i++)
            result *= 10;
        return result;
    }
}
