namespace NodePools.Tests.Shared;

/// <summary>The repository root, found from the test binaries, for tests that read the shipped examples.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "NodePools.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("NodePools.sln not found above the test binaries");
    }
}
