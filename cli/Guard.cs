using NodePools.Placement.Input;

namespace NodePools.Cli;

internal static class Guard
{
    /// <summary>Runs a reader, collecting its input errors instead of stopping at the first file.</summary>
    public static T? Read<T>(Func<T> read, List<InputError> problems) where T : class
    {
        try
        {
            return read();
        }
        catch (InvalidInputException ex)
        {
            problems.AddRange(ex.Errors);
            return null;
        }
    }
}
