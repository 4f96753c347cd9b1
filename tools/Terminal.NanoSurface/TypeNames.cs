using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace Terminal.NanoSurface;

/// <summary>
/// Spells the types of signatures the way the manifest writes them: C# keywords for the primitive types of
/// mscorlib, full names (nested types with '+') for other mscorlib types and the assembly's own types, and
/// "[Assembly]Namespace.Type" for a type another library defines, so a type declared in the wrong assembly
/// does not match.
/// </summary>
internal sealed class TypeNames : ISignatureTypeProvider<string, object?>, ICustomAttributeTypeProvider<string>
{
    private const string CoreLibrary = "mscorlib";

    private static readonly Dictionary<string, string> Keywords = new(StringComparer.Ordinal)
    {
        ["System.Boolean"] = "bool",
        ["System.Char"] = "char",
        ["System.SByte"] = "sbyte",
        ["System.Byte"] = "byte",
        ["System.Int16"] = "short",
        ["System.UInt16"] = "ushort",
        ["System.Int32"] = "int",
        ["System.UInt32"] = "uint",
        ["System.Int64"] = "long",
        ["System.UInt64"] = "ulong",
        ["System.Single"] = "float",
        ["System.Double"] = "double",
        ["System.String"] = "string",
        ["System.Object"] = "object",
        ["System.Void"] = "void",
        ["System.IntPtr"] = "nint",
        ["System.UIntPtr"] = "nuint",
    };

    private readonly MetadataReader _reader;

    public TypeNames(MetadataReader reader) => _reader = reader;

    /// <summary>The full name of a type of this assembly (Namespace.Outer+Inner).</summary>
    public string Definition(TypeDefinitionHandle handle)
    {
        TypeDefinition type = _reader.GetTypeDefinition(handle);
        string name = _reader.GetString(type.Name);
        TypeDefinitionHandle declaring = type.GetDeclaringType();
        if (!declaring.IsNil)
        {
            return Definition(declaring) + "+" + name;
        }

        string ns = _reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    /// <summary>A type handle of any kind (definition, reference, specification), as the manifest spells it.</summary>
    public string Of(EntityHandle handle) => handle.Kind switch
    {
        HandleKind.TypeDefinition => GetTypeFromDefinition(_reader, (TypeDefinitionHandle)handle, 0),
        HandleKind.TypeReference => GetTypeFromReference(_reader, (TypeReferenceHandle)handle, 0),
        HandleKind.TypeSpecification => _reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null),
        _ => throw new BadImageFormatException("not a type: " + handle.Kind),
    };

    /// <summary>The full name (Namespace.Type) of a type handle, without the assembly prefix.</summary>
    public string FullName(EntityHandle handle)
    {
        if (handle.Kind == HandleKind.TypeDefinition)
        {
            return Definition((TypeDefinitionHandle)handle);
        }

        if (handle.Kind == HandleKind.TypeReference)
        {
            TypeReference reference = _reader.GetTypeReference((TypeReferenceHandle)handle);
            string name = _reader.GetString(reference.Name);
            if (reference.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                return FullName((TypeReferenceHandle)reference.ResolutionScope) + "+" + name;
            }

            string ns = _reader.GetString(reference.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        return Of(handle);
    }

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode switch
    {
        PrimitiveTypeCode.Boolean => "bool",
        PrimitiveTypeCode.Char => "char",
        PrimitiveTypeCode.SByte => "sbyte",
        PrimitiveTypeCode.Byte => "byte",
        PrimitiveTypeCode.Int16 => "short",
        PrimitiveTypeCode.UInt16 => "ushort",
        PrimitiveTypeCode.Int32 => "int",
        PrimitiveTypeCode.UInt32 => "uint",
        PrimitiveTypeCode.Int64 => "long",
        PrimitiveTypeCode.UInt64 => "ulong",
        PrimitiveTypeCode.Single => "float",
        PrimitiveTypeCode.Double => "double",
        PrimitiveTypeCode.String => "string",
        PrimitiveTypeCode.Object => "object",
        PrimitiveTypeCode.Void => "void",
        PrimitiveTypeCode.IntPtr => "nint",
        PrimitiveTypeCode.UIntPtr => "nuint",
        PrimitiveTypeCode.TypedReference => "System.TypedReference",
        _ => throw new BadImageFormatException("unknown primitive type " + typeCode),
    };

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => Definition(handle);

    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
    {
        string fullName = FullName(handle);
        string assembly = AssemblyOf(handle);
        if (assembly == CoreLibrary)
        {
            return Keywords.TryGetValue(fullName, out string? keyword) ? keyword : fullName;
        }

        return assembly.Length == 0 ? fullName : "[" + assembly + "]" + fullName;
    }

    public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
        => reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    public string GetSZArrayType(string elementType) => elementType + "[]";

    public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";

    public string GetByReferenceType(string elementType) => "ref " + elementType;

    public string GetPointerType(string elementType) => elementType + "*";

    public string GetPinnedType(string elementType) => elementType;

    // Custom modifiers (modreq/modopt) do not change how the C# compiler binds a call; they are left out.
    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;

    public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments)
    {
        int tick = genericType.LastIndexOf('`');
        string name = tick < 0 ? genericType : genericType[..tick];
        return name + "<" + string.Join(", ", typeArguments) + ">";
    }

    public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;

    public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;

    public string GetFunctionPointerType(MethodSignature<string> signature) => "delegate*<" + string.Join(", ", signature.ParameterTypes.Append(signature.ReturnType)) + ">";

    // Custom attribute decoding: the manifest decodes only attributes whose enum arguments are int-based.
    public string GetSystemType() => "System.Type";

    public bool IsSystemType(string type) => type == "System.Type";

    public string GetTypeFromSerializedName(string name) => name;

    public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;

    private string AssemblyOf(TypeReferenceHandle handle)
    {
        EntityHandle scope = _reader.GetTypeReference(handle).ResolutionScope;
        return scope.Kind switch
        {
            HandleKind.AssemblyReference => _reader.GetString(_reader.GetAssemblyReference((AssemblyReferenceHandle)scope).Name),
            HandleKind.TypeReference => AssemblyOf((TypeReferenceHandle)scope),
            _ => string.Empty,
        };
    }
}
