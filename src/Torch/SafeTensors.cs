using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Torch;

/// <summary>
/// Named tensors in one file, in the safetensors format (readable by Python's <c>safetensors</c>):
/// an 8-byte little-endian header length, a JSON header {name: {dtype, shape, data_offsets}},
/// then the raw little-endian bytes. Writes are atomic.
/// </summary>
public static class SafeTensors
{
    static readonly Dictionary<DType, string> Names = new()
    {
        [DType.Float32] = "F32", [DType.Float64] = "F64", [DType.Float16] = "F16", [DType.BFloat16] = "BF16",
        [DType.Int64] = "I64", [DType.Int32] = "I32", [DType.UInt8] = "U8", [DType.Bool] = "BOOL",
    };

    public static void Save(IReadOnlyDictionary<string, Tensor> tensors, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var header = new JsonObject();
        if (metadata is { Count: > 0 })
            header["__metadata__"] = new JsonObject(metadata.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value))));
        var ordered = tensors.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        long offset = 0;
        foreach (var (name, t) in ordered)
        {
            long bytes = t.NumEl * DTypeInfo.ElementSize(t.DType);
            header[name] = new JsonObject
            {
                ["dtype"] = Names[t.DType],
                ["shape"] = new JsonArray(t.Shape.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + bytes),
            };
            offset += bytes;
        }
        byte[] json = Encoding.UTF8.GetBytes(header.ToJsonString());
        int padded = (json.Length + 7) / 8 * 8;
        AtomicFile.Write(path, tmp =>
        {
            using var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
            Span<byte> len = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(len, (ulong)padded);
            fs.Write(len);
            fs.Write(json);
            for (int i = json.Length; i < padded; i++) fs.WriteByte((byte)' ');
            foreach (var (_, t) in ordered) fs.Write(t.RawBytes());
            fs.Flush(flushToDisk: true);
        });
    }

    /// <summary>Reads every tensor (on the CPU); the caller owns them.</summary>
    public static Dictionary<string, Tensor> Load(string path) => Load(path, out _);

    public static Dictionary<string, Tensor> Load(string path, out Dictionary<string, string> metadata)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"checkpoint not found: {path}", path);
        using var fs = File.OpenRead(path);
        if (fs.Length < 8) throw new InvalidDataException($"{path} is truncated: {fs.Length} bytes, shorter than a safetensors header");
        Span<byte> len = stackalloc byte[8];
        fs.ReadExactly(len);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(len);
        if (headerLength > (ulong)fs.Length - 8) throw new InvalidDataException($"{path}: not a safetensors file, or truncated (header of {headerLength} bytes, file of {fs.Length})");
        var json = new byte[headerLength];
        fs.ReadExactly(json);
        JsonObject header;
        try
        {
            header = JsonNode.Parse(json)?.AsObject() ?? throw new InvalidDataException($"{path}: empty header");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: the safetensors header is not valid JSON ({e.Message})", e);
        }
        long dataStart = 8 + (long)headerLength;
        metadata = [];
        var result = new Dictionary<string, Tensor>();
        foreach (var (name, node) in header)
        {
            if (name == "__metadata__")
            {
                foreach (var (k, v) in node!.AsObject()) metadata[k] = v!.GetValue<string>();
                continue;
            }
            var entry = node!.AsObject();
            string dtypeName = entry["dtype"]!.GetValue<string>();
            var dtype = Names.FirstOrDefault(kv => kv.Value == dtypeName).Key;
            if (!Names.ContainsKey(dtype) || Names[dtype] != dtypeName)
                throw new InvalidDataException($"{path}: tensor '{name}' has unsupported dtype {dtypeName}");
            long[] shape = entry["shape"]!.AsArray().Select(s => s!.GetValue<long>()).ToArray();
            var offsets = entry["data_offsets"]!.AsArray().Select(s => s!.GetValue<long>()).ToArray();
            long expected = dataStart + header.Where(kv => kv.Key != "__metadata__")
                .Max(kv => kv.Value!["data_offsets"]![1]!.GetValue<long>());
            if (dataStart + offsets[1] > fs.Length)
                throw new InvalidDataException($"{path} is truncated: {fs.Length:N0} bytes, but its header describes {expected:N0} (tensor '{name}' ends at byte {dataStart + offsets[1]:N0}); it was cut off while being written or copied");
            var bytes = new byte[offsets[1] - offsets[0]];
            fs.Seek(dataStart + offsets[0], SeekOrigin.Begin);
            fs.ReadExactly(bytes);
            result[name] = Tensor.FromRawBytes(bytes, shape, dtype);
        }
        return result;
    }
}
