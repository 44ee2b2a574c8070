using System.IO.Compression;
using System.IO.Hashing;

namespace LocalIam.Iam.Billing.Import;

/// <summary>
/// Decompresses gzip and, at its end, checks what was read against the gzip trailer (CRC-32 and
/// length, the file's last eight bytes). .NET's GZipStream reports a cut-short file as a normal
/// end, so without this a truncated report would import its first part silently. One gzip member
/// (as AWS writes reports); concatenated members fail the check.
/// </summary>
internal sealed class GzipCheckedStream : Stream
{
    /// <summary>A gzip header (10 bytes) and trailer (8 bytes) at least.</summary>
    private const int MinimumLength = 18;

    private const string CutShort = "the file ends early: its gzip data is cut short";

    private readonly GZipStream _gzip;
    private readonly Crc32 _crc = new();
    private readonly uint _expectedCrc;
    private readonly uint _expectedLength;
    private long _length;
    private long _newlines;
    private bool _ended;

    /// <param name="file">The compressed file, seekable, at its start.</param>
    public GzipCheckedStream(Stream file)
    {
        if (file.Length < MinimumLength)
        {
            throw new GzipCheckException(CutShort, 1);
        }

        Span<byte> trailer = stackalloc byte[8];
        file.Seek(-8, SeekOrigin.End);
        file.ReadExactly(trailer);
        file.Seek(0, SeekOrigin.Begin);
        _expectedCrc = BitConverter.ToUInt32(trailer[..4]);
        _expectedLength = BitConverter.ToUInt32(trailer[4..]);
        _gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = _gzip.Read(buffer);
        }
        catch (InvalidDataException ex)
        {
            throw Damaged(ex);
        }

        Check(buffer[..read], buffer.Length);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await _gzip.ReadAsync(buffer, cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            throw Damaged(ex);
        }

        Check(buffer.Span[..read], buffer.Length);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gzip.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Check(ReadOnlySpan<byte> read, int asked)
    {
        if (read.Length > 0)
        {
            _crc.Append(read);
            _length += read.Length;
            _newlines += read.Count((byte)'\n');
            return;
        }

        // Nothing read for a non-empty buffer: the end of the data.
        if (_ended || asked == 0)
        {
            return;
        }

        _ended = true;
        if (_crc.GetCurrentHashAsUInt32() != _expectedCrc || (uint)_length != _expectedLength)
        {
            throw new GzipCheckException(CutShort, Line);
        }
    }

    /// <summary>The line the decompressed data has reached (1-based), for messages.</summary>
    private long Line => _newlines + 1;

    private GzipCheckException Damaged(InvalidDataException ex) => new($"the gzip data is damaged ({ex.Message.TrimEnd('.')})", Line);
}
