using System.Text.RegularExpressions;

namespace NodePools.Placement.Declaration;

/// <summary>
/// The AWS region a stack deploys to, from what the stack says before anything asks AWS: aws:region;
/// else its availability zones, whose names carry the region (us-east-1a, us-west-2-lax-1a); else the
/// environment the aws provider reads too (AWS_REGION, AWS_DEFAULT_REGION). Where none says it
/// (a region from a profile, say), planning goes on and only the program asks the provider.
/// </summary>
public static partial class StackRegion
{
    /// <summary>The Cluster Autoscaler's awsRegion until the program, which asks the provider, plans with the region.</summary>
    public const string AtDeployment = "filled at deployment: the aws provider's region";

    /// <param name="environment">The environment's variables (the process's when omitted).</param>
    public static string? Resolve(string? configured, IReadOnlyCollection<string> zones, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        return new[] { configured, OfZones(zones) is [var region] ? region : null, environment("AWS_REGION"), environment("AWS_DEFAULT_REGION") }
            .FirstOrDefault(source => !string.IsNullOrWhiteSpace(source));
    }

    /// <summary>The regions the zones' names are in (none for names that carry none), in order.</summary>
    public static IReadOnlyList<string> OfZones(IEnumerable<string> zones) =>
        zones.Select(zone => ZoneName().Match(zone)).Where(match => match.Success).Select(match => match.Groups["region"].Value).Distinct(StringComparer.Ordinal).ToList();

    // A region (us-east-1, us-gov-west-1, ap-southeast-2), then a zone letter, or a Local or Wavelength zone's suffix.
    [GeneratedRegex(@"^(?<region>[a-z]{2}(?:-[a-z]+)+-[0-9]+)(?:[a-z]|-[a-z0-9-]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ZoneName();
}
