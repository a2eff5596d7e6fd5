// DDSketch imports protobufjs only for its wire format, which the app never uses; the real
// package is not installed, so the bundle gets this empty module instead.
export default {};
