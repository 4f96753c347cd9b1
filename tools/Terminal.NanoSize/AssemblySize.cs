using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;

namespace Terminal.NanoSize;

/// <summary>
/// What a compiled assembly will take in the three tables of nanoFramework's metadata processor that are limited to
/// 65,535 bytes (16-bit offsets): bytecode, strings and signatures. Read from the .NET assembly the gate compiles;
/// each figure is an upper bound of, or calibrated against, what the metadata processor makes of it (docs/device-build.md).
/// </summary>
public sealed record AssemblySize(string Name, long MethodBodies, long Strings, long Signatures)
{
    /// <summary>Each table of a nanoFramework assembly holds at most this many bytes.</summary>
    public const int TableLimit = 65_535;

    /// <summary>Measures the assembly at <paramref name="path"/>.</summary>
    public static AssemblySize Measure(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        MetadataReader md = pe.GetMetadataReader();

        // Bytecode: the metadata processor rewrites each method's IL with 2-byte tokens; the whole method body
        // (header, IL, exception clauses) bounds it, and the ratio is calibrated.
        long bodies = 0;
        foreach (var handle in md.MethodDefinitions)
        {
            var method = md.GetMethodDefinition(handle);
            if (method.RelativeVirtualAddress != 0)
            {
                bodies += pe.GetMethodBody(method.RelativeVirtualAddress).Size;
            }
        }

        // Strings: every name the assembly defines or references and every literal, once, as UTF-8 with a
        // terminator. The metadata processor keeps fewer (well-known names live in the runtime, unused ones are
        // dropped), so this is an upper bound.
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var h in md.TypeDefinitions)
        {
            var t = md.GetTypeDefinition(h);
            names.Add(md.GetString(t.Name));
            names.Add(md.GetString(t.Namespace));
        }

        foreach (var h in md.TypeReferences)
        {
            var t = md.GetTypeReference(h);
            names.Add(md.GetString(t.Name));
            names.Add(md.GetString(t.Namespace));
        }

        foreach (var h in md.MethodDefinitions)
        {
            names.Add(md.GetString(md.GetMethodDefinition(h).Name));
        }

        foreach (var h in md.FieldDefinitions)
        {
            names.Add(md.GetString(md.GetFieldDefinition(h).Name));
        }

        foreach (var h in md.MemberReferences)
        {
            names.Add(md.GetString(md.GetMemberReference(h).Name));
        }

        var literal = MetadataTokens.UserStringHandle(1);
        while (!literal.IsNil)
        {
            names.Add(md.GetUserString(literal));
            literal = md.GetNextHandle(literal);
        }

        long strings = names.Sum(s => (long)Encoding.UTF8.GetByteCount(s) + 1);

        // Signatures: method, field and local signatures and type specs (the blob heap bounds them) and the
        // initial data of static arrays (field RVA data), which the metadata processor keeps in the same table.
        long signatures = md.GetHeapSize(HeapIndex.Blob) + FieldData(md);
        return new AssemblySize(md.GetString(md.GetAssemblyDefinition().Name), bodies, strings, signatures);
    }

    // Bytes of the static fields with initial data: their type is a value type whose class layout gives its size.
    private static long FieldData(MetadataReader md)
    {
        long total = 0;
        foreach (var h in md.FieldDefinitions)
        {
            var field = md.GetFieldDefinition(h);
            if (field.GetRelativeVirtualAddress() == 0)
            {
                continue;
            }

            var reader = md.GetBlobReader(field.Signature);
            reader.ReadSignatureHeader();
            var code = reader.ReadSignatureTypeCode();
            if (code == SignatureTypeCode.TypeHandle)
            {
                var type = reader.ReadTypeHandle();
                if (type.Kind == HandleKind.TypeDefinition)
                {
                    total += md.GetTypeDefinition((TypeDefinitionHandle)type).GetLayout().Size;
                }
            }
            else
            {
                total += code switch
                {
                    SignatureTypeCode.Byte or SignatureTypeCode.SByte or SignatureTypeCode.Boolean => 1,
                    SignatureTypeCode.Int16 or SignatureTypeCode.UInt16 or SignatureTypeCode.Char => 2,
                    SignatureTypeCode.Int32 or SignatureTypeCode.UInt32 or SignatureTypeCode.Single => 4,
                    _ => 8,
                };
            }
        }

        return total;
    }
}
