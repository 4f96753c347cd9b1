using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Terminal.Simulator.Bench;

/// <summary>What one type costs the managed heap at boot: its static fields and what its static constructor allocates.</summary>
public sealed record BootHeapType(string Assembly, string Type, int StaticFields, int ArrayBytes, int Strings, int ObjectBytes, int UnknownArrays)
{
    /// <summary>Bytes of the static fields' heap blocks.</summary>
    public int FieldBytes => StaticFields * BootHeapBench.HeapBlock;

    /// <summary>Bytes of the string objects the static constructor loads (ldstr).</summary>
    public int StringBytes => Strings * BootHeapBench.StringObject;

    /// <summary>All of it.</summary>
    public int Total => FieldBytes + ArrayBytes + StringBytes + ObjectBytes;
}

/// <summary>The boot heap of the firmware's portable assemblies, by type, largest first.</summary>
public sealed record BootHeapReport(IReadOnlyList<string> Assemblies, IReadOnlyList<BootHeapType> Types)
{
    /// <summary>Bytes in all.</summary>
    public int Total => Types.Sum(t => t.Total);

    /// <summary>Whether the total stays within <see cref="BootHeapBench.Budget"/>.</summary>
    public bool WithinBudget => Total <= BootHeapBench.Budget;

    /// <summary>Bytes of one assembly.</summary>
    public int AssemblyTotal(string assembly) => Types.Where(t => t.Assembly == assembly).Sum(t => t.Total);
}

/// <summary>
/// The managed heap the firmware takes at boot from its static tables and literals, measured from the IL of the
/// portable assemblies the simulator loads, under a model of nanoFramework's heap (docs/boot-heap.md): on the
/// device every static constructor runs at boot, every static field is a 12-byte heap block, an array is a
/// 20-byte header plus its elements rounded up to 12-byte blocks (an array of references 12 bytes per element;
/// of structs 12 bytes plus a boxed object per element), and every string literal loaded is a 12-byte string
/// object whose characters stay in the assembly. Methods of the firmware that a static constructor calls are
/// followed, once per call site.
/// </summary>
public static class BootHeapBench
{
    /// <summary>nanoFramework's CLR_RT_HeapBlock: the unit of the managed heap.</summary>
    public const int HeapBlock = 12;

    /// <summary>CLR_RT_HeapBlock_Array before its elements: a heap block, the length, element type, size and reference flag.</summary>
    public const int ArrayHeader = 20;

    /// <summary>A string loaded from the assembly: one heap block pointing at the UTF-8 text in flash.</summary>
    public const int StringObject = 12;

    /// <summary>The budget for the boot heap (issue 13).</summary>
    public const int Budget = 32 * 1024;

    private const int MaxCallDepth = 8;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>
    /// Whether an assembly is part of the device firmware: the portable Terminal.* assemblies, not the
    /// simulator, the chip models or tests. New Terminal.Core.* assemblies are included by their name.
    /// </summary>
    public static bool IsFirmwareAssembly(string name) =>
        name.StartsWith("Terminal.", StringComparison.Ordinal)
        && name != "Terminal.Simulator"
        && !name.EndsWith(".Simulated", StringComparison.Ordinal)
        && !name.Contains(".Test", StringComparison.Ordinal)
        && !name.Contains("Analyzers", StringComparison.Ordinal);

    /// <summary>The heap bytes of an array of <paramref name="length"/> elements of <paramref name="elementSize"/> bytes each.</summary>
    public static int ArrayBytes(int length, int elementSize) => Blocks(ArrayHeader + (length * elementSize));

    /// <summary>Measures the firmware assemblies the simulator loads.</summary>
    public static BootHeapReport Measure()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>();
        pending.Push(typeof(BootHeapBench).Assembly);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            Assembly assembly = pending.Pop();
            foreach (AssemblyName reference in assembly.GetReferencedAssemblies())
            {
                if (reference.Name == null || !reference.Name.StartsWith("Terminal.", StringComparison.Ordinal) || !seen.Add(reference.Name))
                {
                    continue;
                }

                Assembly loaded = Assembly.Load(reference);
                pending.Push(loaded);
                if (IsFirmwareAssembly(reference.Name))
                {
                    names.Add(reference.Name);
                    paths[reference.Name] = loaded.Location;
                }
            }
        }

        return Measure(names.Select(n => paths[n]).ToList());
    }

    /// <summary>Measures the assemblies at <paramref name="paths"/>.</summary>
    public static BootHeapReport Measure(IReadOnlyList<string> paths)
    {
        var modules = paths.Select(p => new Module(p)).ToList();
        try
        {
            var world = new World(modules);
            var types = new List<BootHeapType>();
            foreach (Module module in modules)
            {
                foreach (TypeDefinitionHandle handle in module.Reader.TypeDefinitions)
                {
                    var cost = new Cost();
                    TypeDefinition type = module.Reader.GetTypeDefinition(handle);
                    int statics = 0;
                    foreach (FieldDefinitionHandle f in type.GetFields())
                    {
                        FieldAttributes attributes = module.Reader.GetFieldDefinition(f).Attributes;
                        if ((attributes & FieldAttributes.Static) != 0 && (attributes & FieldAttributes.Literal) == 0)
                        {
                            statics++;
                        }
                    }

                    foreach (MethodDefinitionHandle m in type.GetMethods())
                    {
                        if (module.Reader.GetString(module.Reader.GetMethodDefinition(m).Name) == ".cctor")
                        {
                            world.Walk(module, m, cost, 0, []);
                        }
                    }

                    // Compiler-made types (<PrivateImplementationDetails>) have the same name in every assembly.
                    string name = module.TypeName(handle);
                    name = name.StartsWith('<') ? $"{name} ({module.Name})" : name;
                    var entry = new BootHeapType(module.Name, name, statics, cost.ArrayBytes, cost.Strings, cost.ObjectBytes, cost.UnknownArrays);
                    if (entry.Total > 0)
                    {
                        types.Add(entry);
                    }
                }
            }

            types.Sort((a, b) => b.Total != a.Total ? b.Total.CompareTo(a.Total) : string.CompareOrdinal(a.Type, b.Type));
            return new BootHeapReport(modules.Select(m => m.Name).ToList(), types);
        }
        finally
        {
            foreach (Module module in modules)
            {
                module.Dispose();
            }
        }
    }

    private static int Blocks(int bytes) => (bytes + HeapBlock - 1) / HeapBlock * HeapBlock;

    private sealed class Cost
    {
        public int ArrayBytes;
        public int Strings;
        public int ObjectBytes;
        public int UnknownArrays;
    }

    private sealed class Module : IDisposable
    {
        private readonly FileStream _file;

        public Module(string path)
        {
            _file = File.OpenRead(path);
            Pe = new PEReader(_file);
            Reader = Pe.GetMetadataReader();
            Name = Reader.GetString(Reader.GetAssemblyDefinition().Name);
        }

        public PEReader Pe { get; }

        public MetadataReader Reader { get; }

        public string Name { get; }

        public string TypeName(TypeDefinitionHandle handle)
        {
            TypeDefinition type = Reader.GetTypeDefinition(handle);
            string name = Reader.GetString(type.Name);
            TypeDefinitionHandle outer = type.GetDeclaringType();
            if (!outer.IsNil)
            {
                return TypeName(outer) + "+" + name;
            }

            string ns = Reader.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        public string TypeName(TypeReferenceHandle handle)
        {
            TypeReference type = Reader.GetTypeReference(handle);
            string name = Reader.GetString(type.Name);
            if (type.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                return TypeName((TypeReferenceHandle)type.ResolutionScope) + "+" + name;
            }

            string ns = Reader.GetString(type.Namespace);
            return ns.Length == 0 ? name : ns + "." + name;
        }

        public void Dispose()
        {
            Pe.Dispose();
            _file.Dispose();
        }
    }

    // Every firmware type by full name, so a token in one assembly can be followed into another.
    private sealed class World
    {
        private readonly Dictionary<string, (Module Module, TypeDefinitionHandle Handle)> _types = new(StringComparer.Ordinal);

        public World(IEnumerable<Module> modules)
        {
            foreach (Module module in modules)
            {
                foreach (TypeDefinitionHandle handle in module.Reader.TypeDefinitions)
                {
                    _types[module.TypeName(handle)] = (module, handle);
                }
            }
        }

        // Reads one method's IL and adds what it allocates; calls into firmware methods are followed.
        public void Walk(Module module, MethodDefinitionHandle method, Cost cost, int depth, HashSet<(string, MethodDefinitionHandle)> stack)
        {
            MethodDefinition definition = module.Reader.GetMethodDefinition(method);
            if (definition.RelativeVirtualAddress == 0 || depth > MaxCallDepth || !stack.Add((module.Name, method)))
            {
                return;
            }

            BlobReader il = module.Pe.GetMethodBody(definition.RelativeVirtualAddress).GetILReader();
            int? constant = null;
            while (il.RemainingBytes > 0)
            {
                byte first = il.ReadByte();
                short value = first == 0xFE ? (short)(0xFE00 | il.ReadByte()) : first;
                OpCode op = OpCodesByValue[value];
                int? loaded = null;
                switch (op.OperandType)
                {
                    case OperandType.InlineNone:
                        loaded = ShortConstant(op);
                        break;
                    case OperandType.ShortInlineI:
                        int small = il.ReadSByte();
                        loaded = op == OpCodes.Ldc_I4_S ? small : null;
                        break;
                    case OperandType.InlineI:
                        int big = il.ReadInt32();
                        loaded = op == OpCodes.Ldc_I4 ? big : null;
                        break;
                    case OperandType.ShortInlineBrTarget:
                    case OperandType.ShortInlineVar:
                        il.ReadByte();
                        break;
                    case OperandType.InlineVar:
                        il.ReadInt16();
                        break;
                    case OperandType.InlineI8:
                    case OperandType.InlineR:
                        il.ReadInt64();
                        break;
                    case OperandType.ShortInlineR:
                    case OperandType.InlineBrTarget:
                    case OperandType.InlineField:
                    case OperandType.InlineSig:
                    case OperandType.InlineTok:
                        il.ReadInt32();
                        break;
                    case OperandType.InlineSwitch:
                        int targets = il.ReadInt32();
                        il.Offset += 4 * targets;
                        break;
                    case OperandType.InlineString:
                        il.ReadInt32();
                        cost.Strings++;
                        break;
                    case OperandType.InlineType:
                        EntityHandle type = MetadataTokens.EntityHandle(il.ReadInt32());
                        if (op == OpCodes.Newarr)
                        {
                            if (constant is int length)
                            {
                                cost.ArrayBytes += ArrayCost(module, type, length);
                            }
                            else
                            {
                                cost.ArrayBytes += ArrayBytes(0, 0);
                                cost.UnknownArrays++;
                            }
                        }

                        break;
                    case OperandType.InlineMethod:
                        EntityHandle target = MetadataTokens.EntityHandle(il.ReadInt32());
                        if (op == OpCodes.Newobj || op == OpCodes.Call || op == OpCodes.Callvirt)
                        {
                            Call(module, target, op == OpCodes.Newobj, cost, depth, stack);
                        }

                        break;
                    default:
                        throw new InvalidOperationException($"IL operand {op.OperandType} of {op.Name} is not decoded");
                }

                constant = loaded;
            }

            stack.Remove((module.Name, method));
        }

        private static int? ShortConstant(OpCode op)
        {
            if (op == OpCodes.Ldc_I4_M1)
            {
                return -1;
            }

            return op.Value >= OpCodes.Ldc_I4_0.Value && op.Value <= OpCodes.Ldc_I4_8.Value ? op.Value - OpCodes.Ldc_I4_0.Value : null;
        }

        private void Call(Module module, EntityHandle target, bool newObject, Cost cost, int depth, HashSet<(string, MethodDefinitionHandle)> stack)
        {
            (Module Module, TypeDefinitionHandle Type, MethodDefinitionHandle Method)? resolved = Resolve(module, target, out string declaringType);
            if (newObject)
            {
                if (resolved is { } r)
                {
                    if (!IsValueType(r.Module, r.Type))
                    {
                        cost.ObjectBytes += ObjectBytes(r.Module, r.Type);
                    }
                }
                else
                {
                    // A type outside the firmware (System.Object, a collection): its header block only.
                    cost.ObjectBytes += HeapBlock;
                }
            }

            if (resolved is { } callee && declaringType.Length > 0)
            {
                Walk(callee.Module, callee.Method, cost, depth + 1, stack);
            }
        }

        private (Module, TypeDefinitionHandle, MethodDefinitionHandle)? Resolve(Module module, EntityHandle target, out string declaringType)
        {
            declaringType = string.Empty;
            if (target.Kind == HandleKind.MethodDefinition)
            {
                var method = (MethodDefinitionHandle)target;
                TypeDefinitionHandle type = module.Reader.GetMethodDefinition(method).GetDeclaringType();
                declaringType = module.TypeName(type);
                return (module, type, method);
            }

            if (target.Kind != HandleKind.MemberReference)
            {
                return null;
            }

            MemberReference member = module.Reader.GetMemberReference((MemberReferenceHandle)target);
            if (member.Parent.Kind != HandleKind.TypeReference)
            {
                return null;
            }

            string typeName = module.TypeName((TypeReferenceHandle)member.Parent);
            if (!_types.TryGetValue(typeName, out var found))
            {
                return null;
            }

            string name = module.Reader.GetString(member.Name);
            int parameters = ParameterCount(module.Reader.GetBlobReader(member.Signature));
            TypeDefinition definition = found.Module.Reader.GetTypeDefinition(found.Handle);
            foreach (MethodDefinitionHandle m in definition.GetMethods())
            {
                MethodDefinition candidate = found.Module.Reader.GetMethodDefinition(m);
                if (found.Module.Reader.GetString(candidate.Name) == name
                    && ParameterCount(found.Module.Reader.GetBlobReader(candidate.Signature)) == parameters)
                {
                    declaringType = typeName;
                    return (found.Module, found.Handle, m);
                }
            }

            return null;
        }

        private static int ParameterCount(BlobReader signature)
        {
            SignatureHeader header = signature.ReadSignatureHeader();
            if (header.IsGeneric)
            {
                signature.ReadCompressedInteger();
            }

            return signature.ReadCompressedInteger();
        }

        // An object: a header block and one block per instance field (nanoFramework keeps each field in a heap block).
        private static int ObjectBytes(Module module, TypeDefinitionHandle handle)
        {
            int fields = 0;
            foreach (FieldDefinitionHandle f in module.Reader.GetTypeDefinition(handle).GetFields())
            {
                if ((module.Reader.GetFieldDefinition(f).Attributes & FieldAttributes.Static) == 0)
                {
                    fields++;
                }
            }

            return HeapBlock * (1 + fields);
        }

        private int ArrayCost(Module module, EntityHandle elementType, int length)
        {
            if (elementType.Kind == HandleKind.TypeSpecification)
            {
                return ArrayBytes(length, HeapBlock); // an array of arrays: references
            }

            string name = elementType.Kind == HandleKind.TypeDefinition
                ? module.TypeName((TypeDefinitionHandle)elementType)
                : module.TypeName((TypeReferenceHandle)elementType);
            int? primitive = PrimitiveSize(name);
            if (primitive is int size)
            {
                return ArrayBytes(length, size);
            }

            if (_types.TryGetValue(name, out var found) && IsValueType(found.Module, found.Handle))
            {
                int? underlying = EnumSize(found.Module, found.Handle);
                if (underlying is int enumSize)
                {
                    return ArrayBytes(length, enumSize);
                }

                // nanoFramework keeps each struct element as a heap block referring to a boxed copy of its own.
                return ArrayBytes(length, HeapBlock) + (length * ObjectBytes(found.Module, found.Handle));
            }

            return ArrayBytes(length, HeapBlock);
        }

        private static int? PrimitiveSize(string name) => name switch
        {
            "System.Boolean" or "System.Byte" or "System.SByte" => 1,
            "System.Char" or "System.Int16" or "System.UInt16" => 2,
            "System.Int32" or "System.UInt32" or "System.Single" => 4,
            "System.Int64" or "System.UInt64" or "System.Double" => 8,
            _ => null,
        };

        private bool IsValueType(Module module, TypeDefinitionHandle handle)
        {
            EntityHandle baseType = module.Reader.GetTypeDefinition(handle).BaseType;
            if (baseType.IsNil || baseType.Kind != HandleKind.TypeReference)
            {
                return false;
            }

            string name = module.TypeName((TypeReferenceHandle)baseType);
            return name is "System.ValueType" or "System.Enum";
        }

        private static int? EnumSize(Module module, TypeDefinitionHandle handle)
        {
            foreach (FieldDefinitionHandle f in module.Reader.GetTypeDefinition(handle).GetFields())
            {
                FieldDefinition field = module.Reader.GetFieldDefinition(f);
                if (module.Reader.GetString(field.Name) == "value__")
                {
                    BlobReader signature = module.Reader.GetBlobReader(field.Signature);
                    signature.ReadSignatureHeader();
                    return signature.ReadSignatureTypeCode() switch
                    {
                        SignatureTypeCode.Byte or SignatureTypeCode.SByte or SignatureTypeCode.Boolean => 1,
                        SignatureTypeCode.Int16 or SignatureTypeCode.UInt16 or SignatureTypeCode.Char => 2,
                        SignatureTypeCode.Int64 or SignatureTypeCode.UInt64 => 8,
                        _ => 4,
                    };
                }
            }

            return null;
        }
    }
}
