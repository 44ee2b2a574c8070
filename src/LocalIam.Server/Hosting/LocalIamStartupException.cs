namespace LocalIam.Server.Hosting;

/// <summary>The server cannot start as configured; the message says what is wrong and how to fix it, in one line.</summary>
public sealed class LocalIamStartupException(string message) : Exception(message);
