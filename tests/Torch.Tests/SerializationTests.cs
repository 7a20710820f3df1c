using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Torch.Nn;

namespace Torch.Tests;

/// <summary>State dicts and safetensors files: round trips, dtypes, the on-disk format, and mismatch errors.</summary>
public sealed class SerializationTests : IDisposable
{
    readonly string dir = Path.Combine(Path.GetTempPath(), $"torch-serialization-tests-{Guid.NewGuid():N}");

    public SerializationTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    string PathFor(string name) => Path.Combine(dir, name);

    static TransformerEncoderLayer NewLayer() => new(new TransformerLayerOptions(16, 4, 32, Dropout: 0.1));

    [Fact]
    public void A_truncated_safetensors_file_is_an_error_naming_it_and_what_is_missing()
    {
        using var layer = NewLayer();
        string path = PathFor("cut.safetensors");
        layer.Save(path);
        long full = new FileInfo(path).Length;
        using (var stream = new FileStream(path, FileMode.Open)) stream.SetLength(full - 100);

        var error = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));

        Assert.StartsWith($"{path} is truncated: {full - 100:N0} bytes, but its header describes {full:N0}", error.Message);
        Assert.EndsWith("it was cut off while being written or copied", error.Message);
    }

    [Fact]
    public void Module_save_and_load_restores_identical_outputs()
    {
        using var scope = torch.NewDisposeScope();
        using var data = new TestData(1);
        var x = data.Randn(2, 5, 16).To(DType.Float32);
        string path = PathFor("layer.safetensors");

        using var original = NewLayer();
        original.Eval();
        var expected = original.Forward(x).ToArray<float>();
        original.Save(path);

        using var restored = NewLayer();   // different random initialisation
        restored.Eval();
        Assert.NotEqual(expected, restored.Forward(x).ToArray<float>());
        restored.Load(path);
        Assert.Equal(expected, restored.Forward(x).ToArray<float>());

        foreach (var ((name, a), (_, b)) in original.NamedParameters().Zip(restored.NamedParameters()))
        {
            Assert.Equal(a.Shape, b.Shape);
            Assert.True(b.RequiresGrad, $"{name} no longer requires grad after Load");
        }
    }

    [Fact]
    public void Safetensors_round_trip_preserves_dtype_shape_and_values()
    {
        using var scope = torch.NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>
        {
            ["f32"] = torch.Tensor(new[] { 1.5f, -2.25f, float.MaxValue, float.Epsilon, 0f, -0f }, [2, 3]),
            ["f64"] = torch.Tensor(new[] { Math.PI, -1e300, double.Epsilon, 0.1 }, [2, 1, 2]),
            ["i64"] = torch.Tensor(new[] { long.MinValue, -1L, 0L, long.MaxValue }),
            ["bool"] = torch.Tensor(new[] { true, false, false, true, true, false }, [3, 2]),
            ["scalar"] = torch.Scalar(42.0, DType.Float64),
            ["empty"] = torch.Zeros([0, 4], DType.Float32),
            ["nested.name.with.dots"] = torch.Arange(6).Reshape(2, 3),
        };
        string path = PathFor("mixed.safetensors");
        SafeTensors.Save(tensors, path, new Dictionary<string, string> { ["format"] = "pt", ["step"] = "123" });

        var loaded = SafeTensors.Load(path, out var metadata);
        try
        {
            Assert.Equal(tensors.Keys.Order(), loaded.Keys.Order());
            foreach (var (name, t) in tensors)
            {
                var l = loaded[name];
                Assert.Equal(t.DType, l.DType);
                Assert.Equal(t.Shape, l.Shape);
                Assert.Equal(DeviceType.Cpu, l.Device.Type);
            }
            Assert.Equal(tensors["f32"].ToArray<float>(), loaded["f32"].ToArray<float>());
            Assert.Equal(tensors["f64"].ToArray<double>(), loaded["f64"].ToArray<double>());
            Assert.Equal(tensors["i64"].ToArray<long>(), loaded["i64"].ToArray<long>());
            Assert.Equal(tensors["bool"].ToArray<bool>(), loaded["bool"].ToArray<bool>());
            Assert.Equal(42.0, loaded["scalar"].Item());
            Assert.Equal([0L, 1, 2, 3, 4, 5], loaded["nested.name.with.dots"].ToArray<long>());
            Assert.Equal("123", metadata["step"]);
            Assert.Equal("pt", metadata["format"]);
        }
        finally
        {
            foreach (var t in loaded.Values) t.Dispose();
        }
    }

    [Fact]
    public void Non_contiguous_tensors_are_saved_in_logical_row_major_order()
    {
        using var scope = torch.NewDisposeScope();
        var transposed = torch.Arange(6).Reshape(2, 3).Transpose(0, 1); // [[0, 3], [1, 4], [2, 5]]
        string path = PathFor("transposed.safetensors");
        SafeTensors.Save(new Dictionary<string, Tensor> { ["t"] = transposed }, path);
        var loaded = SafeTensors.Load(path);
        using var t = loaded["t"];
        Assert.Equal([3L, 2], t.Shape);
        Assert.Equal([0L, 3, 1, 4, 2, 5], t.ToArray<long>());
    }

    [Fact]
    public void Safetensors_header_is_json_with_contiguous_data_offsets()
    {
        using var scope = torch.NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>
        {
            ["b"] = torch.Ones([2, 3], DType.Float32),
            ["a"] = torch.Ones([5], DType.Float64),
            ["c"] = torch.Ones([3], DType.Bool),
        };
        string path = PathFor("header.safetensors");
        SafeTensors.Save(tensors, path, new Dictionary<string, string> { ["note"] = "hello" });

        byte[] file = File.ReadAllBytes(path);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(0, 8));
        Assert.True(headerLength % 8 == 0, $"header length {headerLength} is not padded to 8 bytes");
        using var json = JsonDocument.Parse(Encoding.UTF8.GetString(file, 8, (int)headerLength));
        var root = json.RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        Assert.Equal("hello", root.GetProperty("__metadata__").GetProperty("note").GetString());

        var expected = new Dictionary<string, (string DType, long[] Shape, long Bytes)>
        {
            ["a"] = ("F64", [5], 40), ["b"] = ("F32", [2, 3], 24), ["c"] = ("BOOL", [3], 3),
        };
        var spans = new List<(long Begin, long End)>();
        foreach (var (name, (dtype, shape, bytes)) in expected)
        {
            var entry = root.GetProperty(name);
            Assert.Equal(dtype, entry.GetProperty("dtype").GetString());
            Assert.Equal(shape, entry.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()));
            var offsets = entry.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            Assert.Equal(2, offsets.Length);
            Assert.Equal(bytes, offsets[1] - offsets[0]);
            spans.Add((offsets[0], offsets[1]));
        }
        // The spans tile the data section exactly: no gaps, no overlap, ending at the end of the file.
        spans.Sort();
        Assert.Equal(0, spans[0].Begin);
        for (int i = 1; i < spans.Count; i++) Assert.Equal(spans[i - 1].End, spans[i].Begin);
        Assert.Equal(file.LongLength - 8 - (long)headerLength, spans[^1].End);

        // And the bytes are little-endian IEEE doubles: tensor "a" is five 1.0s.
        var a = root.GetProperty("a").GetProperty("data_offsets")[0].GetInt64();
        double first = BinaryPrimitives.ReadDoubleLittleEndian(file.AsSpan(8 + (int)headerLength + (int)a, 8));
        Assert.Equal(1.0, first);
    }

    [Fact]
    public void Loading_into_a_module_with_a_different_shape_names_the_key()
    {
        using var small = new Linear(4, 3);
        string path = PathFor("linear.safetensors");
        small.Save(path);
        using var wide = new Linear(4, 5);
        var error = Assert.Throws<ArgumentException>(() => wide.Load(path));
        Assert.Contains("'weight'", error.Message);
        Assert.Contains("[3, 4]", error.Message);
        Assert.Contains("[5, 4]", error.Message);
    }

    [Fact]
    public void Strict_load_state_dict_lists_missing_and_unexpected_keys()
    {
        using var scope = torch.NewDisposeScope();
        using var m = new Linear(2, 2);
        var state = new Dictionary<string, Tensor>
        {
            ["weight"] = torch.Zeros([2, 2]),
            ["bais"] = torch.Zeros([2]),
        };
        var error = Assert.Throws<ArgumentException>(() => m.LoadStateDict(state));
        Assert.Contains("missing [bias]", error.Message);
        Assert.Contains("unexpected [bais]", error.Message);
        // Nothing was copied by the failed strict load.
        Assert.NotEqual(new float[4], m.Weight.ToArray<float>());
    }

    [Fact]
    public void Non_strict_load_state_dict_copies_the_matching_keys_only()
    {
        using var scope = torch.NewDisposeScope();
        using var m = new Linear(2, 2);
        var bias = m.Bias!.ToArray<float>();
        var state = new Dictionary<string, Tensor>
        {
            ["weight"] = torch.Tensor(new[] { 1f, 2f, 3f, 4f }, [2, 2]),
            ["extra"] = torch.Zeros([7]),
        };
        m.LoadStateDict(state, strict: false);
        Assert.Equal([1f, 2f, 3f, 4f], m.Weight.ToArray<float>());
        Assert.Equal(bias, m.Bias.ToArray<float>());
        Assert.True(m.Weight.RequiresGrad);
    }

    [Fact]
    public void State_dict_holds_the_modules_own_tensors_in_registration_order()
    {
        using var m = new FeedForward(4, 8);
        var state = m.StateDict();
        Assert.Equal(["up.weight", "up.bias", "down.weight", "down.bias"], state.Keys);
        Assert.Same(m.NamedParameters().First().Parameter, state["up.weight"]);
    }

    [Fact]
    public void Loading_a_missing_file_throws_file_not_found()
    {
        using var m = new Linear(2, 2);
        Assert.Throws<FileNotFoundException>(() => m.Load(PathFor("does-not-exist.safetensors")));
    }

    [Fact]
    public void Loading_a_file_that_is_not_safetensors_throws_invalid_data()
    {
        string path = PathFor("garbage.safetensors");
        var bytes = new byte[64];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 1UL << 40);
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));
        Assert.Contains("not a safetensors file", error.Message);
    }

    [Fact]
    public void Save_overwrites_atomically_and_leaves_no_temporary_files()
    {
        using var scope = torch.NewDisposeScope();
        string path = PathFor("twice.safetensors");
        SafeTensors.Save(new Dictionary<string, Tensor> { ["x"] = torch.Ones([3]) }, path);
        SafeTensors.Save(new Dictionary<string, Tensor> { ["y"] = torch.Zeros([2], DType.Int64) }, path);
        var loaded = SafeTensors.Load(path);
        using var y = Assert.Single(loaded).Value;
        Assert.Equal([0L, 0L], y.ToArray<long>());
        Assert.Equal(["twice.safetensors"], Directory.GetFiles(dir).Select(f => Path.GetFileName(f)));
    }

    [Fact]
    public void Module_to_float64_keeps_parameter_identity_and_values()
    {
        using var scope = torch.NewDisposeScope();
        using var m = new Linear(3, 2);
        var before = m.Weight.ToArray<float>();
        var weight = m.Weight;
        m.To(DType.Float64);
        Assert.Same(weight, m.Weight);
        Assert.Equal(DType.Float64, m.Weight.DType);
        Assert.True(m.Weight.RequiresGrad);
        Assert.Equal(before.Select(v => (double)v), m.Weight.ToArray<double>());
    }
}
