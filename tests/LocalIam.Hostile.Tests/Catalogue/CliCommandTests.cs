namespace LocalIam.Hostile.Tests.Catalogue;

public sealed class CliCommandTests
{
    [Theory]
    [InlineData("CreateAccessKey", "create-access-key")]
    [InlineData("GetSAMLProvider", "get-saml-provider")]
    [InlineData("CreateOpenIDConnectProvider", "create-open-id-connect-provider")]
    [InlineData("ListMFADevices", "list-mfa-devices")]
    public void CliCommand_OperationName_BotocoreSpelling(string operation, string command) =>
        Assert.Equal(command, HostileRun.CliCommand(operation));
}
