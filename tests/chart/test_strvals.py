"""``--set`` parsing: rows in the style of Helm's strvals/parser_test.go."""

from __future__ import annotations

import pytest

from chartlsp.chart import strvals
from chartlsp.gotemplate.gotypes import Int64

PARSE = [
    ("name=value", {"name": "value"}),
    ("long_int_string=1234567890", {"long_int_string": Int64(1234567890)}),
    ("boolean=true", {"boolean": True}),
    ("is_null=null", {"is_null": None}),
    ("zero=0", {"zero": Int64(0)}),
    ("leading_zeros=00009", {"leading_zeros": "00009"}),
    ("name=value,foo=bar", {"name": "value", "foo": "bar"}),
    ("name=value,\nfoo=bar", {"name": "value", "\nfoo": "bar"}),
    ("name=value,foo=", {"name": "value", "foo": ""}),
    ("name1=,name2=value2", {"name1": "", "name2": "value2"}),
    ("name1,name2=", None),
    ("name1,name2=value2", None),
    ("name1,name2=value2\\", None),
    ("name1,name2", None),
    ("name=one\\,two,three=four", {"name": "one,two", "three": "four"}),
    ("name=one\\=two", {"name": "one=two"}),
    ("outer.inner=value", {"outer": {"inner": "value"}}),
    ("outer.middle.inner=value", {"outer": {"middle": {"inner": "value"}}}),
    ("outer.inner1=value,outer.inner2=value2", {"outer": {"inner1": "value", "inner2": "value2"}}),
    ("outer.inner1=value,outer.middle.inner=value", {"outer": {"inner1": "value", "middle": {"inner": "value"}}}),
    ("name1.name2", None),
    ("name1.name2,name1.name3", None),
    ("name1.name2=", {"name1": {"name2": ""}}),
    ("name1.=name2", None),
    ("name1.,name2", None),
    ("name1={value1,value2}", {"name1": ["value1", "value2"]}),
    ("name1={value1,value2},name2={value1,value2}", {"name1": ["value1", "value2"], "name2": ["value1", "value2"]}),
    ("name1={1021,902}", {"name1": [Int64(1021), Int64(902)]}),
    ("name1.name2={value1,value2}", {"name1": {"name2": ["value1", "value2"]}}),
    ("name1={1021,902", None),
    ("list[0]=foo", {"list": ["foo"]}),
    ("list[0].foo=bar", {"list": [{"foo": "bar"}]}),
    ("list[0].foo=bar,list[0].hello=world", {"list": [{"foo": "bar", "hello": "world"}]}),
    ("list[0]=foo,list[1]=bar", {"list": ["foo", "bar"]}),
    ("list[0]=foo,list[3]=bar", {"list": ["foo", None, None, "bar"]}),
    ("list[1]=foo", {"list": [None, "foo"]}),
    ("list[0][0]=foo,list[0][1]=bar", {"list": [["foo", "bar"]]}),
    ("illegal[0]name.foo=bar", None),
    ("noval[0]", {"noval": []}),
    ("noval[0]=", {"noval": [""]}),
    ("nested[0][0]=1", {"nested": [[Int64(1)]]}),
    ("nested[1][1]=1", {"nested": [None, [None, Int64(1)]]}),
    ("name1.name2[0].foo=bar,name1.name2[1].foo=bar", {"name1": {"name2": [{"foo": "bar"}, {"foo": "bar"}]}}),
    ("name1.name2[1].foo=bar,name1.name2[0].foo=bar", {"name1": {"name2": [{"foo": "bar"}, {"foo": "bar"}]}}),
    ("name1.name2[1].foo=bar", {"name1": {"name2": [None, {"foo": "bar"}]}}),
    ("a=1,a.b=2", None),
]


@pytest.mark.parametrize("text, expect", PARSE)
def test_parse(text, expect):
    if expect is None:
        with pytest.raises(strvals.StrvalsError):
            strvals.parse(text)
    else:
        got = strvals.parse(text)
        assert got == expect
        assert repr(got) == repr(expect)  # Int64 vs float vs str matter


@pytest.mark.parametrize("text, message", [
    ("name1,name2=", 'key "name1" has no value (cannot end with ,)'),
    ("name1.name2", 'key "name2" has no value'),
    ("name1={1021,902", "list must terminate with '}'"),
    ("a=1,a.b=2", "unable to parse key: interface conversion: interface {} is int64, not map[string]interface {}"),
    ("a=x,a[0]=2", "unable to parse key: interface conversion: interface {} is string, not []interface {}"),
    ("list[-1]=x", "negative -1 index not allowed"),
    ("list[65537]=x", "index of 65537 is greater than maximum supported index of 65536"),
    ("list[x]=y", 'error parsing index: strconv.Atoi: parsing "x": invalid syntax'),
    ("illegal[0]name.foo=bar", "unexpected data at end of array index: ['n' 'a' 'm' 'e']"),
    (".".join(["a"] * 32) + "=1", "value name nested level is greater than maximum supported nested level of 30"),
])
def test_parse_errors(text, message):
    with pytest.raises(strvals.StrvalsError) as e:
        strvals.parse(text)
    assert str(e.value) == message


def test_parse_string_and_into():
    dest = {"outer": {"keep": "x"}}
    strvals.parse_into("outer.inner=1,b=true", dest, as_string=True)
    assert dest == {"outer": {"keep": "x", "inner": "1"}, "b": "true"}


@pytest.mark.parametrize("text, expect", [
    ('outer.inner1="1",outer.inner3={"aa":"1","bb":2,"cc":[1,2,3]},outer.inner4=true',
     {"outer": {"inner1": "1", "inner3": {"aa": "1", "bb": 2.0, "cc": [1.0, 2.0, 3.0]}, "inner4": True}}),
    ("outer.inner1=null,outer.inner2=", {"outer": {"inner1": None, "inner2": None}}),
    ('list[0]={"a":1} ,list[1]=[1,2]', {"list": [{"a": 1.0}, [1.0, 2.0]]}),
    ('a=1, b=2', {"a": 1.0, " b": 2.0}),  # Go keeps the space after the comma
])
def test_parse_json(text, expect):
    dest: dict = {}
    strvals.parse_json_into(text, dest)
    assert dest == expect


def test_parse_file_and_literal():
    dest: dict = {}
    strvals.parse_file_into("a.b=path1,c[0]=path2", dest, lambda p: f"<{p}>")
    assert dest == {"a": {"b": "<path1>"}, "c": ["<path2>"]}
    dest = {}
    strvals.parse_literal_into("a.b=x,y={z}\\n", dest)
    assert dest == {"a": {"b": "x,y={z}\\n"}}
    dest = {}
    strvals.parse_literal_into("list[1].k=v=w", dest)
    assert dest == {"list": [None, {"k": "v=w"}]}
