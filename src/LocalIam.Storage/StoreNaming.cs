using System.Text;

namespace LocalIam.Storage;

/// <summary>snake_case column names on both providers, so that the little raw SQL there is reads the same.</summary>
internal static class StoreNaming
{
    public static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(name[i]));
        }

        return sb.ToString();
    }
}
