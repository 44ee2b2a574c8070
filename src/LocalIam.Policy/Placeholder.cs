namespace LocalIam.Policy;
internal static class Placeholder { }
