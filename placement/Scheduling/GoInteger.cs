namespace NodePools.Placement.Scheduling;

/// <summary>
/// strconv.ParseInt(s, 10, 64) exactly: an optional '+' or '-', then ASCII digits only; no spaces,
/// no underscores, no empty string, and the value must fit in 64 bits.
/// </summary>
public static class GoInteger
{
    public static bool TryParse(string text, out long value)
    {
        value = 0;
        var span = text.AsSpan();
        var negative = false;
        if (span.Length > 0 && (span[0] == '+' || span[0] == '-'))
        {
            negative = span[0] == '-';
            span = span[1..];
        }
        if (span.Length == 0)
            return false;

        ulong magnitude = 0;
        const ulong limit = (ulong)long.MaxValue + 1;
        foreach (var c in span)
        {
            if (c is < '0' or > '9')
                return false;
            var digit = (ulong)(c - '0');
            if (magnitude > (limit - digit) / 10)
                return false;
            magnitude = magnitude * 10 + digit;
        }
        if (!negative && magnitude > long.MaxValue)
            return false;
        value = negative ? (long)(0 - magnitude) : (long)magnitude;
        return true;
    }
}
