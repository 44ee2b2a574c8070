using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace LocalIam.Iam.Transfer;

/// <summary>One value of the file's top-level object: an element of a top-level array, or a member's whole value.</summary>
internal sealed record JsonMemberValue(string Member, int Index, JsonDocument Document, long BytesRead)
{
    /// <summary><c>$.UserDetailList[3]</c>, or <c>$.IsTruncated</c> for a value that is not in an array.</summary>
    public string Path => Index < 0 ? $"$.{Member}" : $"$.{Member}[{Index.ToString(CultureInfo.InvariantCulture)}]";
}

/// <summary>
/// Reads a JSON object of arrays (the shape of GetAccountAuthorizationDetails) from a stream one
/// element at a time: only the element being read is in memory, however large the file. A syntax
/// error is reported with the JSON path of the element it is in.
/// </summary>
internal sealed class JsonMemberStream(Stream stream)
{
    private const int FirstBufferSize = 64 * 1024;

    /// <summary>An element larger than this is refused: no policy detail comes near it.</summary>
    private const int MaxElementBytes = 64 * 1024 * 1024;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(FirstBufferSize);
    private int _start;
    private int _end;
    private bool _final;
    private long _consumedBefore;
    private JsonReaderState _state = new(ReaderOptions);
    private Position _position = Position.BeforeRoot;
    private string _member = string.Empty;
    private int _index = -1;

    private enum Position
    {
        BeforeRoot,
        MemberName,
        MemberValue,
        ArrayElement,
        AfterRoot,
    }

    private enum Step
    {
        Moved,
        Value,
        NeedMore,
        End,
    }

    /// <summary>Bytes read from the stream so far.</summary>
    public long BytesRead => _consumedBefore + _end;

    /// <summary>The next value, or null at the end of the top-level object.</summary>
    public async Task<JsonMemberValue?> NextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var step = TryStep(out var value);
            switch (step)
            {
                case Step.Value:
                    return value;
                case Step.End:
                    return null;
                case Step.NeedMore:
                    await FillAsync(cancellationToken);
                    break;
            }
        }
    }

    public void Return()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private string Where => _position switch
    {
        Position.ArrayElement => $"$.{_member}[{(_index + 1).ToString(CultureInfo.InvariantCulture)}]",
        Position.MemberValue => $"$.{_member}",
        _ => "$",
    };

    private Step TryStep(out JsonMemberValue? value)
    {
        value = null;
        if (_position == Position.AfterRoot)
        {
            return Step.End;
        }

        // Never a final block: at the end of the stream the reader says it needs more, and the file ends early.
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), isFinalBlock: false, _state);
        try
        {
            if (!reader.Read())
            {
                if (_final)
                {
                    throw new AuthorizationDetailsException(Where, _position == Position.BeforeRoot && _consumedBefore + _end == 0 ? "the file is empty" : "the file ends early");
                }

                return Step.NeedMore;
            }

            switch (_position)
            {
                case Position.BeforeRoot:
                    Expect(reader.TokenType == JsonTokenType.StartObject, "$", "expected an object (the output of `aws iam get-account-authorization-details`)");
                    _position = Position.MemberName;
                    break;
                case Position.MemberName:
                    if (reader.TokenType == JsonTokenType.EndObject)
                    {
                        _position = Position.AfterRoot;
                        Commit(ref reader);
                        return Step.End;
                    }

                    try
                    {
                        _member = reader.GetString()!;
                    }
                    catch (InvalidOperationException)
                    {
                        throw new AuthorizationDetailsException("$", "a member name is not valid text (invalid UTF-8 or an unpaired surrogate)");
                    }

                    _position = Position.MemberValue;
                    break;
                case Position.MemberValue when reader.TokenType == JsonTokenType.StartArray:
                    _position = Position.ArrayElement;
                    _index = -1;
                    break;
                case Position.ArrayElement when reader.TokenType == JsonTokenType.EndArray:
                    _position = Position.MemberName;
                    break;
                default:
                    // A whole value: an array element, or a member that is not an array.
                    var start = (int)reader.TokenStartIndex;
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                    {
                        if (_final)
                        {
                            throw new AuthorizationDetailsException(Where, "the file ends early");
                        }

                        return Step.NeedMore;
                    }

                    var bytes = _buffer.AsSpan(_start + start, (int)reader.BytesConsumed - start).ToArray();
                    var inArray = _position == Position.ArrayElement;
                    _index = inArray ? _index + 1 : -1;
                    JsonTextCheck.Check(bytes, inArray ? $"$.{_member}[{_index.ToString(CultureInfo.InvariantCulture)}]" : $"$.{_member}");
                    value = new JsonMemberValue(_member, _index, JsonDocument.Parse(bytes), _consumedBefore + _start + reader.BytesConsumed);
                    if (!inArray)
                    {
                        _position = Position.MemberName;
                    }

                    Commit(ref reader);
                    return Step.Value;
            }

            Commit(ref reader);
            return Step.Moved;
        }
        catch (JsonException ex)
        {
            throw new AuthorizationDetailsException(Where, $"the JSON is malformed near byte {(_consumedBefore + _start + reader.BytesConsumed).ToString(CultureInfo.InvariantCulture)} ({FirstSentence(ex.Message)})");
        }
    }

    private void Commit(ref Utf8JsonReader reader)
    {
        _start += (int)reader.BytesConsumed;
        _state = reader.CurrentState;
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        // Keep the unread part at the front; grow when one element fills the whole buffer.
        var unread = _end - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, unread);
            _consumedBefore += _start;
            _start = 0;
            _end = unread;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxElementBytes)
            {
                throw new AuthorizationDetailsException(Where, $"one element is larger than {MaxElementBytes / (1024 * 1024)} MiB");
            }

            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        if (read == 0)
        {
            _final = true;
        }

        _end += read;
    }

    private static void Expect(bool condition, string path, string message)
    {
        if (!condition)
        {
            throw new AuthorizationDetailsException(path, message);
        }
    }

    /// <summary>The reader's message without its own (buffer-relative) position.</summary>
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }
}
