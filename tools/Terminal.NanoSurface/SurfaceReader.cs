using System.Globalization;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Terminal.NanoSurface;

/// <summary>
/// Reads the API an assembly offers its callers: its name and version, every public type (and public or
/// protected nested type of one), and every public or protected member of those, each as one canonical
/// <see cref="SurfaceLine"/>. It reads metadata only, so a nanoFramework assembly (built against its own
/// mscorlib) is read without being loaded.
/// </summary>
public static class SurfaceReader
{
    /// <summary>The surface of the assembly at <paramref name="path"/>, sorted.</summary>
    public static AssemblySurface Read(string path)
    {
        using FileStream stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        MetadataReader reader = pe.GetMetadataReader();
        AssemblyDefinition assembly = reader.GetAssemblyDefinition();
        string name = reader.GetString(assembly.Name);
        var lines = new List<SurfaceLine> { SurfaceLine.ForAssembly(name, assembly.Version) };
        var context = new Context(reader, name);
        foreach (TypeDefinitionHandle handle in reader.TypeDefinitions)
        {
            if (IsVisible(reader, handle))
            {
                context.AddType(handle, lines);
            }
        }

        lines.Sort((a, b) => string.CompareOrdinal(a.Text, b.Text));
        return new AssemblySurface(name, assembly.Version, lines);
    }

    private static bool IsVisible(MetadataReader reader, TypeDefinitionHandle handle)
    {
        TypeDefinition type = reader.GetTypeDefinition(handle);
        TypeAttributes visibility = type.Attributes & TypeAttributes.VisibilityMask;
        return visibility switch
        {
            TypeAttributes.Public => true,
            TypeAttributes.NestedPublic or TypeAttributes.NestedFamily or TypeAttributes.NestedFamORAssem => IsVisible(reader, type.GetDeclaringType()),
            _ => false,
        };
    }

    private sealed class Context
    {
        private readonly MetadataReader _reader;
        private readonly string _assembly;
        private readonly TypeNames _names;

        public Context(MetadataReader reader, string assembly)
        {
            _reader = reader;
            _assembly = assembly;
            _names = new TypeNames(reader);
        }

        public void AddType(TypeDefinitionHandle handle, List<SurfaceLine> lines)
        {
            TypeDefinition type = _reader.GetTypeDefinition(handle);
            string typeName = _names.Definition(handle);
            string baseName = type.BaseType.IsNil ? string.Empty : _names.FullName(type.BaseType);
            string kind = (type.Attributes & TypeAttributes.Interface) != 0 ? "interface"
                : baseName == "System.Enum" ? "enum"
                : baseName == "System.ValueType" ? "struct"
                : baseName == "System.MulticastDelegate" ? "delegate"
                : "class";

            lines.Add(SurfaceLine.ForType(_assembly, typeName, TypeDeclaration(type, kind)));
            if (kind == "delegate")
            {
                return; // the declaration line carries the Invoke signature; the rest is compiler-made
            }

            var accessors = new HashSet<MethodDefinitionHandle>();
            foreach (PropertyDefinitionHandle p in type.GetProperties())
            {
                AddProperty(typeName, _reader.GetPropertyDefinition(p), lines, accessors);
            }

            foreach (EventDefinitionHandle e in type.GetEvents())
            {
                AddEvent(typeName, _reader.GetEventDefinition(e), lines, accessors);
            }

            foreach (FieldDefinitionHandle f in type.GetFields())
            {
                AddField(typeName, kind, _reader.GetFieldDefinition(f), lines);
            }

            foreach (MethodDefinitionHandle m in type.GetMethods())
            {
                if (!accessors.Contains(m))
                {
                    AddMethod(typeName, _reader.GetMethodDefinition(m), lines);
                }
            }
        }

        private string TypeDeclaration(TypeDefinition type, string kind)
        {
            var words = new List<string>();
            string attributes = Attributes(type.GetCustomAttributes());
            if (attributes.Length > 0)
            {
                words.Add(attributes);
            }

            TypeAttributes visibility = type.Attributes & TypeAttributes.VisibilityMask;
            words.Add(visibility is TypeAttributes.Public or TypeAttributes.NestedPublic ? "public" : "protected");
            bool isAbstract = (type.Attributes & TypeAttributes.Abstract) != 0;
            bool isSealed = (type.Attributes & TypeAttributes.Sealed) != 0;
            if (kind == "class")
            {
                words.Add(isAbstract && isSealed ? "static" : isAbstract ? "abstract" : isSealed ? "sealed" : string.Empty);
            }
            else if (kind == "struct" && HasAttribute(type.GetCustomAttributes(), "System.Runtime.CompilerServices.IsReadOnlyAttribute"))
            {
                words.Add("readonly");
            }

            words.Add(kind);
            string declaration = string.Join(" ", words.Where(w => w.Length > 0));
            switch (kind)
            {
                case "enum":
                    FieldDefinition valueField = type.GetFields().Select(_reader.GetFieldDefinition)
                        .First(f => (f.Attributes & FieldAttributes.Static) == 0);
                    return declaration + " : " + valueField.DecodeSignature(_names, null);
                case "delegate":
                    MethodDefinition invoke = type.GetMethods().Select(_reader.GetMethodDefinition)
                        .First(m => _reader.GetString(m.Name) == "Invoke");
                    MethodSignature<string> signature = invoke.DecodeSignature(_names, null);
                    return declaration + " " + signature.ReturnType + " " + Parameters(invoke, signature);
            }

            var bases = new List<string>();
            if (kind == "class" && !type.BaseType.IsNil && _names.Of(type.BaseType) != "object")
            {
                bases.Add(_names.Of(type.BaseType));
            }

            bases.AddRange(type.GetInterfaceImplementations()
                .Select(i => _names.Of(_reader.GetInterfaceImplementation(i).Interface))
                .Order(StringComparer.Ordinal));
            return bases.Count == 0 ? declaration : declaration + " : " + string.Join(", ", bases);
        }

        private void AddMethod(string typeName, MethodDefinition method, List<SurfaceLine> lines)
        {
            if (!IsVisible(method.Attributes))
            {
                return;
            }

            string name = _reader.GetString(method.Name);
            if (name == ".cctor")
            {
                return;
            }

            MethodSignature<string> signature = method.DecodeSignature(_names, null);
            string generic = method.GetGenericParameters().Count == 0 ? string.Empty
                : "<" + string.Join(", ", method.GetGenericParameters().Select(g => _reader.GetString(_reader.GetGenericParameter(g).Name))) + ">";
            string text = name + generic + Parameters(method, signature);
            bool isConstructor = name == ".ctor";
            if (!isConstructor)
            {
                text += " : " + signature.ReturnType;
            }

            text += " [" + Modifiers(method.Attributes) + "]" + MemberAttributes(method.GetCustomAttributes());
            lines.Add(SurfaceLine.ForMember(_assembly, typeName, isConstructor ? "ctor" : "method", name, text));
        }

        private void AddProperty(string typeName, PropertyDefinition property, List<SurfaceLine> lines, HashSet<MethodDefinitionHandle> accessors)
        {
            PropertyAccessors methods = property.GetAccessors();
            var visible = new List<(string Word, MethodDefinition Method)>();
            foreach ((string word, MethodDefinitionHandle handle) in new[] { ("get", methods.Getter), ("set", methods.Setter) })
            {
                if (handle.IsNil)
                {
                    continue;
                }

                accessors.Add(handle);
                MethodDefinition accessor = _reader.GetMethodDefinition(handle);
                if (IsVisible(accessor.Attributes))
                {
                    visible.Add((word, accessor));
                }
            }

            if (visible.Count == 0)
            {
                return;
            }

            string name = _reader.GetString(property.Name);
            MethodSignature<string> signature = property.DecodeSignature(_names, null);

            // The property's access is its most visible accessor's; an accessor less visible says so.
            MethodDefinition widest = visible.OrderBy(v => Access(v.Method.Attributes) == "public" ? 0 : 1).First().Method;
            string access = Access(widest.Attributes);
            string accessorList = string.Join(" ", visible.Select(v => (Access(v.Method.Attributes) == access ? string.Empty : Access(v.Method.Attributes) + " ") + v.Word + ";"));
            string indexer = string.Empty;
            if (signature.ParameterTypes.Length > 0)
            {
                MethodDefinition getterOrSetter = visible[0].Method;
                indexer = "[" + string.Join(", ", ParameterList(getterOrSetter, getterOrSetter.DecodeSignature(_names, null)).Take(signature.ParameterTypes.Length)) + "]";
            }

            string text = name + indexer + " : " + signature.ReturnType + " { " + accessorList + " } [" + Modifiers(widest.Attributes) + "]"
                + MemberAttributes(property.GetCustomAttributes());
            lines.Add(SurfaceLine.ForMember(_assembly, typeName, "property", name, text));
        }

        private void AddEvent(string typeName, EventDefinition definition, List<SurfaceLine> lines, HashSet<MethodDefinitionHandle> accessors)
        {
            EventAccessors methods = definition.GetAccessors();
            foreach (MethodDefinitionHandle handle in new[] { methods.Adder, methods.Remover, methods.Raiser })
            {
                if (!handle.IsNil)
                {
                    accessors.Add(handle);
                }
            }

            MethodDefinition adder = _reader.GetMethodDefinition(methods.Adder);
            if (!IsVisible(adder.Attributes))
            {
                return;
            }

            string name = _reader.GetString(definition.Name);
            string text = name + " : " + _names.Of(definition.Type) + " [" + Modifiers(adder.Attributes) + "]" + MemberAttributes(definition.GetCustomAttributes());
            lines.Add(SurfaceLine.ForMember(_assembly, typeName, "event", name, text));
        }

        private void AddField(string typeName, string typeKind, FieldDefinition field, List<SurfaceLine> lines)
        {
            FieldAttributes access = field.Attributes & FieldAttributes.FieldAccessMask;
            if (access is not (FieldAttributes.Public or FieldAttributes.Family or FieldAttributes.FamORAssem))
            {
                return;
            }

            string name = _reader.GetString(field.Name);
            if (typeKind == "enum")
            {
                if ((field.Attributes & FieldAttributes.Static) != 0)
                {
                    lines.Add(SurfaceLine.ForMember(_assembly, typeName, "value", name, name + " = " + Constant(field.GetDefaultValue())));
                }

                return;
            }

            var modifiers = new List<string> { access == FieldAttributes.Public ? "public" : "protected" };
            string value = string.Empty;
            if ((field.Attributes & FieldAttributes.Literal) != 0)
            {
                modifiers.Add("const");
                value = " = " + Constant(field.GetDefaultValue());
            }
            else
            {
                if ((field.Attributes & FieldAttributes.Static) != 0)
                {
                    modifiers.Add("static");
                }

                if ((field.Attributes & FieldAttributes.InitOnly) != 0)
                {
                    modifiers.Add("readonly");
                }
            }

            string text = name + " : " + field.DecodeSignature(_names, null) + value + " [" + string.Join(" ", modifiers) + "]"
                + MemberAttributes(field.GetCustomAttributes());
            lines.Add(SurfaceLine.ForMember(_assembly, typeName, "field", name, text));
        }

        // "(int pinNumber, ref byte value, params object[] args, int baudRate = 9600)"
        private string Parameters(MethodDefinition method, MethodSignature<string> signature)
            => "(" + string.Join(", ", ParameterList(method, signature)) + ")";

        private List<string> ParameterList(MethodDefinition method, MethodSignature<string> signature)
        {
            var names = new string[signature.ParameterTypes.Length];
            var details = new Parameter?[signature.ParameterTypes.Length];
            foreach (ParameterHandle handle in method.GetParameters())
            {
                Parameter parameter = _reader.GetParameter(handle);
                if (parameter.SequenceNumber > 0 && parameter.SequenceNumber <= names.Length)
                {
                    names[parameter.SequenceNumber - 1] = _reader.GetString(parameter.Name);
                    details[parameter.SequenceNumber - 1] = parameter;
                }
            }

            var parts = new List<string>();
            for (int i = 0; i < names.Length; i++)
            {
                string type = signature.ParameterTypes[i];
                Parameter? parameter = details[i];
                if (parameter is { } p && type.StartsWith("ref ", StringComparison.Ordinal))
                {
                    if ((p.Attributes & ParameterAttributes.Out) != 0 && (p.Attributes & ParameterAttributes.In) == 0)
                    {
                        type = "out " + type[4..];
                    }
                    else if (HasAttribute(p.GetCustomAttributes(), "System.Runtime.CompilerServices.IsReadOnlyAttribute"))
                    {
                        type = "in " + type[4..];
                    }
                }

                if (parameter is { } q && HasAttribute(q.GetCustomAttributes(), "System.ParamArrayAttribute"))
                {
                    type = "params " + type;
                }

                string part = type + " " + (names[i] ?? "arg" + i.ToString(CultureInfo.InvariantCulture));
                if (parameter is { } d && (d.Attributes & ParameterAttributes.HasDefault) != 0)
                {
                    part += " = " + Constant(d.GetDefaultValue());
                }

                parts.Add(part);
            }

            return parts;
        }

        // public/protected, static, and how the method takes part in virtual dispatch.
        private static string Modifiers(MethodAttributes attributes)
        {
            var words = new List<string> { Access(attributes) };
            if ((attributes & MethodAttributes.Static) != 0)
            {
                words.Add("static");
            }

            bool isVirtual = (attributes & MethodAttributes.Virtual) != 0;
            bool isNewSlot = (attributes & MethodAttributes.NewSlot) != 0;
            bool isFinal = (attributes & MethodAttributes.Final) != 0;
            if ((attributes & MethodAttributes.Abstract) != 0)
            {
                words.Add(isNewSlot ? "abstract" : "abstract override");
            }
            else if (isVirtual)
            {
                // virtual final newslot is what C# emits for a plain method that implements an interface member.
                words.Add(isFinal ? (isNewSlot ? string.Empty : "sealed override") : isNewSlot ? "virtual" : "override");
            }

            return string.Join(" ", words.Where(w => w.Length > 0));
        }

        private static string Access(MethodAttributes attributes)
            => (attributes & MethodAttributes.MemberAccessMask) == MethodAttributes.Public ? "public" : "protected";

        private static bool IsVisible(MethodAttributes attributes)
            => (attributes & MethodAttributes.MemberAccessMask) is MethodAttributes.Public or MethodAttributes.Family or MethodAttributes.FamORAssem;

        private string Constant(ConstantHandle handle)
        {
            if (handle.IsNil)
            {
                return "?";
            }

            Constant constant = _reader.GetConstant(handle);
            BlobReader blob = _reader.GetBlobReader(constant.Value);
            return constant.TypeCode switch
            {
                ConstantTypeCode.Boolean => blob.ReadBoolean() ? "true" : "false",
                ConstantTypeCode.Char => "'" + blob.ReadChar() + "'",
                ConstantTypeCode.SByte => blob.ReadSByte().ToString(CultureInfo.InvariantCulture),
                ConstantTypeCode.Byte => blob.ReadByte().ToString(CultureInfo.InvariantCulture),
                ConstantTypeCode.Int16 => blob.ReadInt16().ToString(CultureInfo.InvariantCulture),
                ConstantTypeCode.UInt16 => blob.ReadUInt16().ToString(CultureInfo.InvariantCulture),
                ConstantTypeCode.Int32 => blob.ReadInt32().ToString(CultureInfo.InvariantCulture),
                ConstantTypeCode.UInt32 => blob.ReadUInt32().ToString(CultureInfo.InvariantCulture),
                ConstantTypeCode.Int64 => blob.ReadInt64().ToString(CultureInfo.InvariantCulture),
                ConstantTypeCode.UInt64 => blob.ReadUInt64().ToString(CultureInfo.InvariantCulture),
                ConstantTypeCode.Single => blob.ReadSingle().ToString("R", CultureInfo.InvariantCulture),
                ConstantTypeCode.Double => blob.ReadDouble().ToString("R", CultureInfo.InvariantCulture),
                ConstantTypeCode.String => "\"" + blob.ReadUTF16(blob.Length) + "\"",
                ConstantTypeCode.NullReference => "null",
                _ => "?",
            };
        }

        // The attributes that change how callers compile: [Flags], [Obsolete] (a warning, or an error), and
        // an attribute class's [AttributeUsage]. Messages are left out: they are text, not API.
        private string Attributes(CustomAttributeHandleCollection handles)
        {
            var words = new List<string>();
            foreach (CustomAttributeHandle handle in handles)
            {
                CustomAttribute attribute = _reader.GetCustomAttribute(handle);
                switch (AttributeName(attribute))
                {
                    case "System.FlagsAttribute":
                        words.Add("[Flags]");
                        break;
                    case "System.ObsoleteAttribute":
                        CustomAttributeValue<string> obsolete = attribute.DecodeValue(_names);
                        bool error = obsolete.FixedArguments.Length > 1 && obsolete.FixedArguments[1].Value is true;
                        words.Add(error ? "[Obsolete(error)]" : "[Obsolete]");
                        break;
                    case "System.AttributeUsageAttribute":
                        CustomAttributeValue<string> usage = attribute.DecodeValue(_names);
                        var parts = new List<string> { Targets((int)usage.FixedArguments[0].Value!) };
                        parts.AddRange(usage.NamedArguments.OrderBy(a => a.Name, StringComparer.Ordinal)
                            .Select(a => a.Name + "=" + (a.Value is true ? "true" : "false")));
                        words.Add("[AttributeUsage(" + string.Join(", ", parts) + ")]");
                        break;
                }
            }

            words.Sort(StringComparer.Ordinal);
            return string.Join(" ", words);
        }

        private string MemberAttributes(CustomAttributeHandleCollection handles)
        {
            string attributes = Attributes(handles);
            return attributes.Length == 0 ? string.Empty : " " + attributes;
        }

        private bool HasAttribute(CustomAttributeHandleCollection handles, string fullName)
            => handles.Any(h => AttributeName(_reader.GetCustomAttribute(h)) == fullName);

        private string AttributeName(CustomAttribute attribute)
        {
            EntityHandle type = attribute.Constructor.Kind switch
            {
                HandleKind.MemberReference => _reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent,
                HandleKind.MethodDefinition => _reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType(),
                _ => default,
            };
            return type.IsNil || type.Kind is not (HandleKind.TypeReference or HandleKind.TypeDefinition) ? string.Empty : _names.FullName(type);
        }

        private static readonly string[] TargetNames =
        [
            "Assembly", "Module", "Class", "Struct", "Enum", "Constructor", "Method", "Property", "Field", "Event",
            "Interface", "Parameter", "Delegate", "ReturnValue", "GenericParameter",
        ];

        private static string Targets(int targets)
        {
            if (targets == (1 << TargetNames.Length) - 1)
            {
                return "All";
            }

            var names = new List<string>();
            for (int bit = 0; bit < TargetNames.Length; bit++)
            {
                if ((targets & (1 << bit)) != 0)
                {
                    names.Add(TargetNames[bit]);
                }
            }

            return string.Join("|", names);
        }
    }
}

/// <summary>An assembly's name, version and canonical surface lines (the assembly line included), sorted.</summary>
/// <param name="Name">Assembly name.</param>
/// <param name="Version">Assembly version.</param>
/// <param name="Lines">Its lines, sorted by text.</param>
public sealed record AssemblySurface(string Name, Version Version, IReadOnlyList<SurfaceLine> Lines);
