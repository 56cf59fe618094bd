#ifndef VERGE_CJAVASCRIPTCORE_SHIM_H
#define VERGE_CJAVASCRIPTCORE_SHIM_H

#include <JavaScriptCore/JavaScript.h>
#include <stdbool.h>

// Functions libjavascriptcoregtk-4.1 exports but whose declarations live in
// private headers (JSContextRefPrivate.h, JSObjectRefPrivate.h, JSScriptRefPrivate.h).
// Signatures checked against WebKitGTK 2.50 (Debian 12).

typedef bool (*JSShouldTerminateCallback)(JSContextRef ctx, void *context);
/// Runaway-JS guard for every context of the group. The callback runs on the JS
/// thread when the limit is hit; returning true terminates the running script.
void JSContextGroupSetExecutionTimeLimit(JSContextGroupRef group, double limit,
                                         JSShouldTerminateCallback callback, void *context);
void JSContextGroupClearExecutionTimeLimit(JSContextGroupRef group);

/// Makes eval() and every Function constructor throw EvalError(message).
void JSGlobalContextSetEvalEnabled(JSGlobalContextRef ctx, bool enabled, JSStringRef message);

/// `function` is called (reason, promise) for each rejected promise left unhandled
/// after the microtask checkpoint.
void JSGlobalContextSetUnhandledRejectionCallback(JSGlobalContextRef ctx, JSObjectRef function,
                                                  JSValueRef *exception);

/// Returns an object with heapSize, heapCapacity, extraMemorySize, objectCount, ...
JSObjectRef JSGetMemoryUsageStatistics(JSContextRef ctx);

void JSGlobalContextSetIncludesNativeCallStackWhenReportingExceptions(JSGlobalContextRef ctx, bool includes);

typedef struct OpaqueJSScript *JSScriptRef;
JSScriptRef JSScriptCreateFromString(JSContextGroupRef group, JSStringRef url, int startingLineNumber,
                                     JSStringRef source, JSStringRef *errorMessage, int *errorLine);
void JSScriptRetain(JSScriptRef script);
void JSScriptRelease(JSScriptRef script);
JSValueRef JSScriptEvaluate(JSContextRef ctx, JSScriptRef script, JSValueRef thisValue,
                            JSValueRef *exception);

void JSSynchronousGarbageCollectForDebugging(JSContextRef ctx);

typedef void (*JSHeapFinalizer)(JSContextGroupRef group, void *userData);
/// Called after every garbage collection of the group's heap.
void JSContextGroupAddHeapFinalizer(JSContextGroupRef group, JSHeapFinalizer finalizer, void *userData);
void JSContextGroupRemoveHeapFinalizer(JSContextGroupRef group, JSHeapFinalizer finalizer, void *userData);
void JSReportExtraMemoryCost(JSContextRef ctx, size_t size);

#endif
