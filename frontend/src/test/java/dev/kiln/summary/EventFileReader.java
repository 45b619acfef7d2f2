package dev.kiln.summary;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Reads TensorBoard event files back, independently of the writer's code: TFRecord framing with both
 * masked CRC32Cs checked, then {@code Event}, {@code Summary}, {@code SummaryMetadata},
 * {@code TensorProto}, {@code HistogramProto}, {@code GraphDef}, {@code NodeDef} and
 * {@code AttrValue} decoded by the field numbers and wire types of TensorFlow's .proto files. A
 * field number or wire type those files do not declare fails the read. A file that ends inside a
 * record (a crash mid-write) reads up to its last complete record, as TensorBoard reads it.
 */
final class EventFileReader {
    record Event(double wallTime, long step, String fileVersion, byte[] graphDef, List<Value> values) {}

    /** One summary value; exactly one of tensor, histo and simpleValue is set by the writer under test. */
    record Value(String tag, Metadata metadata, Tensor tensor, Histogram histo, Float simpleValue) {}

    record Metadata(String pluginName, byte[] pluginContent, String displayName, String description, int dataClass) {}

    record Tensor(int dtype, long[] shape, byte[] content, List<byte[]> strings) {
        double[] doubles() {
            ByteBuffer b = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
            double[] out = new double[content.length / 8];
            b.asDoubleBuffer().get(out);
            return out;
        }

        float floatScalar() {
            return ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        }
    }

    /** The classic {@code HistogramProto}. */
    record Histogram(double min, double max, double num, double sum, double sumSquares, List<Double> bucketLimit,
            List<Double> bucket) {}

    record NodeDef(String name, String op, List<String> inputs, Map<String, Attr> attrs) {}

    /** An {@code AttrValue}; list values are flattened into {@code ints}, {@code types} and {@code shapes}. */
    record Attr(byte[] s, Long i, Float f, Boolean b, Integer type, long[] shape, Tensor tensor, List<Long> ints,
            List<Long> types, List<long[]> shapes) {
        String string() {
            return new String(s, StandardCharsets.UTF_8);
        }
    }

    /** Records read and whether the file ended inside one. */
    record Records(List<byte[]> records, boolean truncated) {}

    private EventFileReader() {}

    static List<Event> read(Path file) {
        try {
            return events(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Event> events(byte[] file) {
        List<Event> out = new ArrayList<>();
        for (byte[] r : records(file).records()) {
            out.add(event(r));
        }
        return out;
    }

    /** The complete records of {@code file}; throws on a CRC mismatch. */
    static Records records(byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> out = new ArrayList<>();
        while (b.remaining() > 0) {
            if (b.remaining() < 12) {
                return new Records(out, true);
            }
            int start = b.position();
            long length = b.getLong();
            int lengthCrc = b.getInt();
            if (lengthCrc != maskedCrc(file, start, 8)) {
                throw new AssertionError("length CRC mismatch at offset " + start);
            }
            if (b.remaining() < length + 4) {
                return new Records(out, true);
            }
            byte[] data = new byte[(int) length];
            b.get(data);
            int dataCrc = b.getInt();
            if (dataCrc != maskedCrc(data, 0, data.length)) {
                throw new AssertionError("data CRC mismatch in the record at offset " + start);
            }
            out.add(data);
        }
        return new Records(out, false);
    }

    /** CRC32C rotated right by 15 bits plus 0xa282ead8 (TensorFlow's crc32c::Mask). */
    static int maskedCrc(byte[] data, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data, offset, length);
        int c = (int) crc.getValue();
        return Integer.rotateRight(c, 15) + 0xa282ead8;
    }

    static Event event(byte[] bytes) {
        double wallTime = 0;
        long step = 0;
        String fileVersion = null;
        byte[] graphDef = null;
        List<Value> values = new ArrayList<>();
        Fields f = new Fields("Event", bytes);
        while (f.next()) {
            switch (f.field) {
                case 1 -> wallTime = f.fixed64Double();
                case 2 -> step = f.varint();
                case 3 -> fileVersion = f.string();
                case 4 -> graphDef = f.bytes();
                case 5 -> values.addAll(summary(f.bytes()));
                default -> f.unknown();
            }
        }
        return new Event(wallTime, step, fileVersion, graphDef, values);
    }

    static List<Value> summary(byte[] bytes) {
        List<Value> out = new ArrayList<>();
        Fields f = new Fields("Summary", bytes);
        while (f.next()) {
            if (f.field == 1) {
                out.add(value(f.bytes()));
            } else {
                f.unknown();
            }
        }
        return out;
    }

    static Value value(byte[] bytes) {
        String tag = null;
        Metadata metadata = null;
        Tensor tensor = null;
        Histogram histo = null;
        Float simple = null;
        Fields f = new Fields("Summary.Value", bytes);
        while (f.next()) {
            switch (f.field) {
                case 1 -> tag = f.string();
                case 2 -> simple = f.fixed32Float();
                case 5 -> histo = histogram(f.bytes());
                case 8 -> tensor = tensor(f.bytes());
                case 9 -> metadata = metadata(f.bytes());
                default -> f.unknown();
            }
        }
        return new Value(tag, metadata, tensor, histo, simple);
    }

    static Metadata metadata(byte[] bytes) {
        String plugin = null;
        byte[] content = new byte[0];
        String display = "";
        String description = "";
        int dataClass = 0;
        Fields f = new Fields("SummaryMetadata", bytes);
        while (f.next()) {
            switch (f.field) {
                case 1 -> {
                    Fields p = new Fields("SummaryMetadata.PluginData", f.bytes());
                    while (p.next()) {
                        switch (p.field) {
                            case 1 -> plugin = p.string();
                            case 2 -> content = p.bytes();
                            default -> p.unknown();
                        }
                    }
                }
                case 2 -> display = f.string();
                case 3 -> description = f.string();
                case 4 -> dataClass = (int) f.varint();
                default -> f.unknown();
            }
        }
        return new Metadata(plugin, content, display, description, dataClass);
    }

    static Tensor tensor(byte[] bytes) {
        int dtype = 0;
        long[] shape = null;
        byte[] content = new byte[0];
        List<byte[]> strings = new ArrayList<>();
        Fields f = new Fields("TensorProto", bytes);
        while (f.next()) {
            switch (f.field) {
                case 1 -> dtype = (int) f.varint();
                case 2 -> shape = shape(f.bytes());
                case 4 -> content = f.bytes();
                case 8 -> strings.add(f.bytes());
                default -> f.unknown();
            }
        }
        return new Tensor(dtype, shape, content, strings);
    }

    /** Dimension sizes; null for an unknown rank. */
    static long[] shape(byte[] bytes) {
        List<Long> dims = new ArrayList<>();
        boolean unknownRank = false;
        Fields f = new Fields("TensorShapeProto", bytes);
        while (f.next()) {
            switch (f.field) {
                case 2 -> {
                    Fields d = new Fields("TensorShapeProto.Dim", f.bytes());
                    long size = 0;
                    while (d.next()) {
                        if (d.field == 1) {
                            size = d.varint();
                        } else {
                            d.unknown();
                        }
                    }
                    dims.add(size);
                }
                case 3 -> unknownRank = f.varint() != 0;
                default -> f.unknown();
            }
        }
        return unknownRank ? null : dims.stream().mapToLong(Long::longValue).toArray();
    }

    static Histogram histogram(byte[] bytes) {
        double[] scalars = new double[5];
        List<Double> limits = new ArrayList<>();
        List<Double> buckets = new ArrayList<>();
        Fields f = new Fields("HistogramProto", bytes);
        while (f.next()) {
            switch (f.field) {
                case 1, 2, 3, 4, 5 -> scalars[f.field - 1] = f.fixed64Double();
                case 6 -> limits.addAll(f.packedDoubles());
                case 7 -> buckets.addAll(f.packedDoubles());
                default -> f.unknown();
            }
        }
        return new Histogram(scalars[0], scalars[1], scalars[2], scalars[3], scalars[4], limits, buckets);
    }

    static List<NodeDef> graphDef(byte[] bytes) {
        List<NodeDef> nodes = new ArrayList<>();
        Fields f = new Fields("GraphDef", bytes);
        while (f.next()) {
            switch (f.field) {
                case 1 -> nodes.add(nodeDef(f.bytes()));
                case 4 -> f.bytes(); // versions
                default -> f.unknown();
            }
        }
        return nodes;
    }

    static NodeDef nodeDef(byte[] bytes) {
        String name = null;
        String op = null;
        List<String> inputs = new ArrayList<>();
        Map<String, Attr> attrs = new LinkedHashMap<>();
        Fields f = new Fields("NodeDef", bytes);
        while (f.next()) {
            switch (f.field) {
                case 1 -> name = f.string();
                case 2 -> op = f.string();
                case 3 -> inputs.add(f.string());
                case 4 -> f.string(); // device
                case 5 -> {
                    Fields e = new Fields("NodeDef.AttrEntry", f.bytes());
                    String key = null;
                    Attr value = null;
                    while (e.next()) {
                        switch (e.field) {
                            case 1 -> key = e.string();
                            case 2 -> value = attr(e.bytes());
                            default -> e.unknown();
                        }
                    }
                    if (attrs.put(key, value) != null) {
                        throw new AssertionError("attribute " + key + " twice in node " + name);
                    }
                }
                default -> f.unknown();
            }
        }
        return new NodeDef(name, op, inputs, attrs);
    }

    static Attr attr(byte[] bytes) {
        byte[] s = null;
        Long i = null;
        Float fl = null;
        Boolean b = null;
        Integer type = null;
        long[] shape = null;
        Tensor tensor = null;
        List<Long> ints = null;
        List<Long> types = null;
        List<long[]> shapes = null;
        Fields f = new Fields("AttrValue", bytes);
        while (f.next()) {
            switch (f.field) {
                case 1 -> {
                    ints = new ArrayList<>();
                    types = new ArrayList<>();
                    shapes = new ArrayList<>();
                    Fields l = new Fields("AttrValue.ListValue", f.bytes());
                    while (l.next()) {
                        switch (l.field) {
                            case 3 -> ints.addAll(l.packedVarints());
                            case 6 -> types.addAll(l.packedVarints());
                            case 7 -> shapes.add(shape(l.bytes()));
                            default -> l.unknown();
                        }
                    }
                }
                case 2 -> s = f.bytes();
                case 3 -> i = f.varint();
                case 4 -> fl = f.fixed32Float();
                case 5 -> b = f.varint() != 0;
                case 6 -> type = (int) f.varint();
                case 7 -> shape = shape(f.bytes());
                case 8 -> tensor = tensor(f.bytes());
                default -> f.unknown();
            }
        }
        return new Attr(s, i, fl, b, type, shape, tensor, ints, types, shapes);
    }

    /** Walks the fields of one message, checking each read against the field's wire type. */
    private static final class Fields {
        private final String message;
        private final CodedInputStream in;
        int field;
        private int wireType;

        Fields(String message, byte[] bytes) {
            this.message = message;
            this.in = CodedInputStream.newInstance(bytes);
        }

        boolean next() {
            try {
                int tag = in.readTag();
                if (tag == 0) {
                    return false;
                }
                field = WireFormat.getTagFieldNumber(tag);
                wireType = WireFormat.getTagWireType(tag);
                return true;
            } catch (IOException e) {
                throw new AssertionError(message + ": malformed", e);
            }
        }

        private void expect(int type) {
            if (wireType != type) {
                throw new AssertionError(message + " field " + field + ": wire type " + wireType + ", expected " + type);
            }
        }

        long varint() {
            expect(WireFormat.WIRETYPE_VARINT);
            return call(in::readInt64);
        }

        double fixed64Double() {
            expect(WireFormat.WIRETYPE_FIXED64);
            return call(in::readDouble);
        }

        float fixed32Float() {
            expect(WireFormat.WIRETYPE_FIXED32);
            return call(in::readFloat);
        }

        byte[] bytes() {
            expect(WireFormat.WIRETYPE_LENGTH_DELIMITED);
            return call(in::readByteArray);
        }

        String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        List<Long> packedVarints() {
            CodedInputStream p = CodedInputStream.newInstance(bytes());
            List<Long> out = new ArrayList<>();
            try {
                while (!p.isAtEnd()) {
                    out.add(p.readInt64());
                }
            } catch (IOException e) {
                throw new AssertionError(message + ": malformed packed field " + field, e);
            }
            return out;
        }

        List<Double> packedDoubles() {
            ByteBuffer b = ByteBuffer.wrap(bytes()).order(ByteOrder.LITTLE_ENDIAN);
            List<Double> out = new ArrayList<>();
            while (b.hasRemaining()) {
                out.add(b.getDouble());
            }
            return out;
        }

        void unknown() {
            throw new AssertionError(message + " has no field " + field + " (wire type " + wireType + ")");
        }

        private interface Read<T> {
            T read() throws IOException;
        }

        private <T> T call(Read<T> r) {
            try {
                return r.read();
            } catch (IOException e) {
                throw new AssertionError(message + ": malformed field " + field, e);
            }
        }
    }
}
