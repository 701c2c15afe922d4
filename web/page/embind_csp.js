// Eval-free replacements for the three Embind functions of Emscripten 3.1.6 that build code with
// `new Function` (a page whose CSP lacks 'unsafe-eval' could not load the module otherwise). Same
// behaviour as the generated code: web/build.mjs swaps them into the copied aio_sandbox.mjs.
export const createNamedFunction = 'function createNamedFunction(name,body){name=makeLegalFunctionName(name);' +
  'return{[name]:function(){"use strict";return body.apply(this,arguments)}}[name]}';

export const craftInvokerFunction = `function craftInvokerFunction(humanName,argTypes,classType,cppInvokerFunc,cppTargetFunc){
var argCount=argTypes.length;
if(argCount<2){throwBindingError("argTypes array size mismatch! Must at least get return value and 'this' types!")}
var isClassMethodFunc=argTypes[1]!==null&&classType!==null;var needsDestructorStack=false;
for(var i=1;i<argTypes.length;++i){if(argTypes[i]!==null&&argTypes[i].destructorFunction===undefined){needsDestructorStack=true;break}}
var returns=argTypes[0].name!=="void";var expected=argCount-2;
return function(){
if(arguments.length!==expected){throwBindingError("function "+humanName+" called with "+arguments.length+" arguments, expected "+expected+" args!")}
var destructors=needsDestructorStack?[]:null;var wired=[cppTargetFunc];var thisWired;
if(isClassMethodFunc){thisWired=argTypes[1].toWireType(destructors,this);wired.push(thisWired)}
for(var i=0;i<expected;++i){wired.push(argTypes[i+2].toWireType(destructors,arguments[i]))}
var rv=cppInvokerFunc.apply(null,wired);
if(needsDestructorStack){runDestructors(destructors)}else{
for(var i=isClassMethodFunc?1:2;i<argTypes.length;++i){var p=i===1?thisWired:wired[i-(isClassMethodFunc?0:1)];
if(argTypes[i].destructorFunction!==null){argTypes[i].destructorFunction(p)}}}
if(returns){return argTypes[0].fromWireType(rv)}}}`;

export const emvalGetMethodCaller = `function __emval_get_method_caller(argCount,argTypes){
var types=__emval_lookupTypes(argCount,argTypes);var retType=types[0];
var signatureName=retType.name+"_$"+types.slice(1).map(function(t){return t.name}).join("_")+"$";
var returnId=emval_registeredMethods[signatureName];if(returnId!==undefined){return returnId}
var invokerFunction=function(handle,name,destructors,args){var a=[];var offset=0;
for(var i=0;i<argCount-1;++i){a.push(types[i+1].readValueFromPointer(args+offset));offset+=types[i+1]["argPackAdvance"]}
var rv=handle[name].apply(handle,a);
for(var i=0;i<argCount-1;++i){if(types[i+1]["deleteObject"]){types[i+1].deleteObject(a[i])}}
if(!retType.isVoid){return retType.toWireType(destructors,rv)}};
returnId=__emval_addMethodCaller(invokerFunction);emval_registeredMethods[signatureName]=returnId;return returnId}`;
