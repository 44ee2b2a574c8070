namespace LocalIam.Policy.Tests;
public class SmokeTests { [Fact] public void Build_Works_True() => Assert.True(true); }
