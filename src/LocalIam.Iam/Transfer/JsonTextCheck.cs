using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LocalIam.Iam.Transfer;

/// <summary>
/// The first string or member name of one element that is not text (invalid UTF-8, or a
/// <c>\uD800</c> escape without its other half), with its JSON path: System.Text.Json parses such
/// an element and throws only when the value is read, with no path.
/// </summary>
internal static class JsonTextCheck
{
    public static void Check(ReadOnlySpan<byte> element, string path)
    {
        // The common case costs no allocation: plain strings are checked as UTF-8 in place; only an
        // element that fails is read again for the path of what failed.
        if (!AllText(element))
        {
            ThrowAtFirstBad(element, path);
        }
    }

    private static bool AllText(ReadOnlySpan<byte> element)
    {
        var reader = new Utf8JsonReader(element);
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName
                && (reader.ValueIsEscaped ? !IsText(ref reader, out _) : !System.Text.Unicode.Utf8.IsValid(reader.ValueSpan)))
            {
                return false;
            }
        }

        return true;
    }

    private static void ThrowAtFirstBad(ReadOnlySpan<byte> element, string path)
    {
        var reader = new Utf8JsonReader(element);
        var frames = new List<(bool IsArray, int Index, string? Name)>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    if (!IsText(ref reader, out var name))
                    {
                        throw new AuthorizationDetailsException(PathOf(path, frames), "a member name is not valid text (invalid UTF-8 or an unpaired surrogate)");
                    }

                    frames[^1] = (false, 0, name);
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    NextItem(frames);
                    frames.Add((reader.TokenType == JsonTokenType.StartArray, -1, null));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    frames.RemoveAt(frames.Count - 1);
                    break;
                case JsonTokenType.String:
                    NextItem(frames);
                    if (!IsText(ref reader, out _))
                    {
                        throw new AuthorizationDetailsException(PathOf(path, frames), "not valid text (invalid UTF-8 or an unpaired surrogate)");
                    }

                    break;
                default:
                    NextItem(frames);
                    break;
            }
        }
    }

    private static void NextItem(List<(bool IsArray, int Index, string? Name)> frames)
    {
        if (frames.Count > 0 && frames[^1].IsArray)
        {
            frames[^1] = frames[^1] with { Index = frames[^1].Index + 1 };
        }
    }

    private static bool IsText(ref Utf8JsonReader reader, out string? text)
    {
        try
        {
            text = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }

    private static string PathOf(string path, List<(bool IsArray, int Index, string? Name)> frames)
    {
        var builder = new StringBuilder(path);
        foreach (var (isArray, index, name) in frames)
        {
            if (isArray && index >= 0)
            {
                builder.Append(CultureInfo.InvariantCulture, $"[{index}]");
            }
            else if (!isArray && name is not null)
            {
                builder.Append('.').Append(DetailNode.Shown(name));
            }
        }

        return builder.ToString();
    }
}
