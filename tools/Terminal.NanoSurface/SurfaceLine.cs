namespace Terminal.NanoSurface;

/// <summary>
/// One line of a manifest: the assembly and its version, a public type, or one public or protected member.
/// <see cref="Text"/> is the whole canonical line; the other fields say what it is about, for filtering and
/// for pointing at the real member when a stub's line differs.
/// </summary>
/// <param name="Assembly">Assembly name.</param>
/// <param name="Type">Full type name (Namespace.Outer+Inner); empty on the assembly line.</param>
/// <param name="Kind">assembly, type, ctor, method, property, event, field or value (an enum member).</param>
/// <param name="Name">Member name (type name for a type line, assembly name for the assembly line).</param>
/// <param name="Text">The canonical line.</param>
public sealed record SurfaceLine(string Assembly, string Type, string Kind, string Name, string Text)
{
    /// <summary>The assembly line: "Name = Major.Minor.Build.Revision".</summary>
    public static SurfaceLine ForAssembly(string assembly, Version version)
        => new(assembly, string.Empty, "assembly", assembly, assembly + " = " + version);

    /// <summary>A type line: "Assembly Type : declaration".</summary>
    public static SurfaceLine ForType(string assembly, string type, string declaration)
        => new(assembly, type, "type", type, assembly + " " + type + " : " + declaration);

    /// <summary>A member line: "Assembly Type :: kind name signature [modifiers]".</summary>
    public static SurfaceLine ForMember(string assembly, string type, string kind, string name, string signature)
        => new(assembly, type, kind, name, assembly + " " + type + " :: " + kind + " " + signature);

    /// <summary>Reads a manifest line back (the inverse of the three factories).</summary>
    public static SurfaceLine Parse(string text)
    {
        int space = text.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            throw new FormatException("not a manifest line: " + text);
        }

        string assembly = text[..space];
        string rest = text[(space + 1)..];
        if (rest.StartsWith("= ", StringComparison.Ordinal))
        {
            return new(assembly, string.Empty, "assembly", assembly, text);
        }

        int member = rest.IndexOf(" :: ", StringComparison.Ordinal);
        if (member >= 0)
        {
            string type = rest[..member];
            string declaration = rest[(member + 4)..];
            int kindEnd = declaration.IndexOf(' ', StringComparison.Ordinal);
            if (kindEnd < 0)
            {
                throw new FormatException("member line without a name: " + text);
            }

            string kind = declaration[..kindEnd];
            string signature = declaration[(kindEnd + 1)..];
            int nameEnd = signature.IndexOfAny(['(', ' ', '[', ':']);
            return new(assembly, type, kind, nameEnd < 0 ? signature : signature[..nameEnd], text);
        }

        int typeEnd = rest.IndexOf(" : ", StringComparison.Ordinal);
        if (typeEnd < 0)
        {
            throw new FormatException("not a manifest line: " + text);
        }

        return new(assembly, rest[..typeEnd], "type", rest[..typeEnd], text);
    }

    /// <summary>Which real lines a stub line is compared with: same assembly, type, kind and name.</summary>
    public string Key => Assembly + " " + Type + " " + Kind + " " + Name;
}
